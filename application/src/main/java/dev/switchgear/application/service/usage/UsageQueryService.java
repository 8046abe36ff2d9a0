package dev.switchgear.application.service.usage;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.usage.QueryUsageUseCase;
import dev.switchgear.application.port.in.usage.UsageReport;
import dev.switchgear.application.port.out.usage.UsageReadModel;
import dev.switchgear.application.port.out.usage.UsageRecord;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.util.List;

/** Reads usage from the read model, for callers allowed to see the account. */
public class UsageQueryService implements QueryUsageUseCase {

    private final UsageReadModel readModel;
    private final int rowLimit;

    public UsageQueryService(UsageReadModel readModel, int rowLimit) {
        this.readModel = readModel;
        this.rowLimit = rowLimit;
    }

    @Override
    public UsageReport usage(Caller caller, AccountId accountId, Instant from, Instant to) {
        if (!caller.canSee(accountId)) {
            throw new CreditException(CreditError.ACCOUNT_NOT_FOUND, "account not found");
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("`from` must be before `to`");
        }
        List<UsageRecord> rows = readModel.find(accountId, from, to, rowLimit + 1);
        boolean truncated = rows.size() > rowLimit;
        return new UsageReport(accountId, from, to, truncated ? rows.subList(0, rowLimit) : rows,
                readModel.totals(accountId, from, to), rowLimit, truncated);
    }
}

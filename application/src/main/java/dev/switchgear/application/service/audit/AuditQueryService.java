package dev.switchgear.application.service.audit;

import dev.switchgear.application.port.in.audit.QueryAuditUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.audit.AuditCursor;
import dev.switchgear.application.port.out.audit.AuditEntry;
import dev.switchgear.application.port.out.audit.AuditLog;
import dev.switchgear.application.port.out.audit.AuditPage;
import dev.switchgear.application.port.out.audit.AuditQuery;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.shared.AccountId;
import java.util.List;
import java.util.Optional;

/**
 * The audit log for whoever may read it: the administrator all of it, an account its own entries
 * only. Asks the log for one entry more than the page holds, to know whether a next page exists.
 */
public class AuditQueryService implements QueryAuditUseCase {

    private final AuditLog log;

    public AuditQueryService(AuditLog log) {
        this.log = log;
    }

    @Override
    public AuditPage audit(Caller caller, AuditQuery query) {
        if (query.limit() > AuditQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("limit is 1 to " + AuditQuery.MAX_LIMIT);
        }
        AuditQuery allowed = query;
        if (!caller.admin()) {
            AccountId own = caller.account();
            if (query.account().isPresent() && !query.account().get().equals(own)) {
                throw new CreditException(CreditError.ACCOUNT_NOT_FOUND, "account not found");
            }
            allowed = query.forAccount(own);
        }
        List<AuditEntry> found = log.find(allowed.withLimit(query.limit() + 1));
        if (found.size() <= query.limit()) {
            return new AuditPage(found, Optional.empty());
        }
        List<AuditEntry> page = found.subList(0, query.limit());
        return new AuditPage(page, Optional.of(AuditCursor.after(page.get(page.size() - 1))));
    }
}

package dev.switchgear.application.service.routing;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.routing.ExplainUseCase;
import dev.switchgear.application.port.out.usage.UsageReadModel;
import dev.switchgear.application.port.out.usage.UsageRecord;
import dev.switchgear.domain.shared.RequestId;
import java.util.Optional;

/** Why a charged request went where it went: the routing trace recorded with its charge, read back. */
public class ExplainRoutingService implements ExplainUseCase {

    private final UsageReadModel usage;

    public ExplainRoutingService(UsageReadModel usage) {
        this.usage = usage;
    }

    @Override
    public Optional<UsageRecord> explain(Caller caller, RequestId requestId) {
        return usage.byRequest(caller.admin() ? Optional.empty() : Optional.of(caller.account()), requestId);
    }
}

package dev.switchgear.application.port.in.routing;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.usage.UsageRecord;
import dev.switchgear.domain.shared.RequestId;
import java.util.Optional;

/** Why a charged request went where it went: its routing decision, recorded with its charge. */
public interface ExplainUseCase {

    /** The caller's own request (any request for the administrator), once its charge is projected. */
    Optional<UsageRecord> explain(Caller caller, RequestId requestId);
}

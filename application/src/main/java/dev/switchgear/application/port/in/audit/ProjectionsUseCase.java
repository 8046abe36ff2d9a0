package dev.switchgear.application.port.in.audit;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.audit.ProjectionStatus;
import dev.switchgear.domain.audit.api.ProjectionRebuilt;
import java.util.List;

/**
 * The administrator's view of the event processors and the rebuild of a read model from the event
 * store (ADR 0025); every rebuild is recorded in the audit log.
 */
public interface ProjectionsUseCase {

    /** Every processor with its position, lag and status; the administrator only. */
    List<ProjectionStatus> projections(Caller caller);

    /** Rebuilds one processor's read model and reports its checksum before and after; the administrator only. */
    ProjectionRebuilt rebuild(Caller caller, String name);
}

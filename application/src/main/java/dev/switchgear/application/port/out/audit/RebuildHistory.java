package dev.switchgear.application.port.out.audit;

import dev.switchgear.domain.audit.api.ProjectionRebuilt;

/** Records a rebuild as an event, so the audit log (itself a projection) shows it, rebuilt or not. */
public interface RebuildHistory {

    void recordRebuild(ProjectionRebuilt rebuild);
}

package dev.switchgear.application.service.audit;

import dev.switchgear.application.port.in.audit.ProjectionsUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityError;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.application.port.out.audit.ProjectionRefused;
import dev.switchgear.application.port.out.audit.ProjectionStatus;
import dev.switchgear.application.port.out.audit.Projections;
import dev.switchgear.application.port.out.audit.ReadModelChecksum;
import dev.switchgear.application.port.out.audit.RebuildHistory;
import dev.switchgear.application.port.out.audit.RebuildOutcome;
import dev.switchgear.domain.audit.api.ProjectionRebuilt;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The administrator lists the event processors and rebuilds a read model (ADR 0025); each rebuild
 * done is recorded as a {@link ProjectionRebuilt} event, which the audit log shows.
 */
public class ProjectionService implements ProjectionsUseCase {

    /** A processing group's name as this service accepts it; anything else names no processor. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final Projections projections;
    private final RebuildHistory history;
    private final Clock clock;

    public ProjectionService(Projections projections, RebuildHistory history, Clock clock) {
        this.projections = projections;
        this.history = history;
        this.clock = clock;
    }

    @Override
    public List<ProjectionStatus> projections(Caller caller) {
        requireAdmin(caller);
        return projections.all();
    }

    @Override
    public ProjectionRebuilt rebuild(Caller caller, String name) {
        requireAdmin(caller);
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ProjectionRefused(ProjectionRefused.Reason.UNKNOWN_PROJECTION, "no such projection");
        }
        RebuildOutcome outcome = projections.rebuild(name);
        ProjectionRebuilt rebuilt = new ProjectionRebuilt(outcome.projection(), outcome.mode(),
                outcome.eventsReplayed(), outcome.position(),
                outcome.before().map(ReadModelChecksum::digest).orElse(null),
                outcome.before().map(ReadModelChecksum::rows).orElse(0L),
                outcome.after().map(ReadModelChecksum::digest).orElse(null),
                outcome.after().map(ReadModelChecksum::rows).orElse(0L), clock.instant());
        history.recordRebuild(rebuilt);
        return rebuilt;
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.admin()) {
            throw new IdentityException(IdentityError.ADMIN_REQUIRED, "this call needs the admin key");
        }
    }
}

package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.switchgear.application.port.in.audit.ProjectionsUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.audit.ProjectionStatus;
import dev.switchgear.domain.audit.api.ProjectionRebuilt;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * The event processors and the rebuild of a read model from the event store, for the administrator
 * (ADR 0025). A rebuild answers once it is done, with the read model's checksum before and after.
 */
@RestController
public class ProjectionsController {

    private final ProjectionsUseCase projections;

    public ProjectionsController(ProjectionsUseCase projections) {
        this.projections = projections;
    }

    @GetMapping("/api/v1/admin/projections")
    ListView list(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller) {
        return new ListView(projections.projections(caller).stream().map(StatusView::of).toList());
    }

    @PostMapping("/api/v1/admin/projections/{name}/rebuild")
    RebuildView rebuild(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller, @PathVariable String name) {
        return RebuildView.of(projections.rebuild(caller, name));
    }

    record ListView(List<StatusView> data) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record StatusView(String name, String mode, String kind, boolean rebuildable, boolean running, boolean replaying,
                      boolean failing, boolean rebuilding, Long position, Long head, Long lag, List<String> tables) {
        static StatusView of(ProjectionStatus s) {
            return new StatusView(s.name(), s.mode(), s.kind().name().toLowerCase(java.util.Locale.ROOT),
                    s.kind() != ProjectionStatus.Kind.SIDE_EFFECT, s.running(), s.replaying(), s.failing(),
                    s.rebuilding(), boxed(s.position()), boxed(s.head()), boxed(s.lag()), s.tables());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record RebuildView(String projection, String mode, long eventsReplayed, long position, ChecksumView before,
                       ChecksumView after, boolean matched, String rebuiltAt) {
        static RebuildView of(ProjectionRebuilt r) {
            boolean checksummed = r.checksumBefore() != null;
            return new RebuildView(r.projection(), r.mode(), r.eventsReplayed(), r.position(),
                    checksummed ? new ChecksumView(r.checksumBefore(), r.rowsBefore()) : null,
                    checksummed ? new ChecksumView(r.checksumAfter(), r.rowsAfter()) : null,
                    checksummed && r.matched(), r.rebuiltAt().toString());
        }
    }

    record ChecksumView(String checksum, long rows) {
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}

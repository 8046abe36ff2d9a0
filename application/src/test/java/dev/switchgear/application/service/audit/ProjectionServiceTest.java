package dev.switchgear.application.service.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.application.port.out.audit.ProjectionRefused;
import dev.switchgear.application.port.out.audit.ProjectionStatus;
import dev.switchgear.application.port.out.audit.Projections;
import dev.switchgear.application.port.out.audit.ReadModelChecksum;
import dev.switchgear.application.port.out.audit.RebuildOutcome;
import dev.switchgear.domain.audit.api.ProjectionRebuilt;
import dev.switchgear.domain.shared.AccountId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Rebuilds through the service: the administrator only, a name checked, each one recorded as an event. */
class ProjectionServiceTest {

    static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    final List<ProjectionRebuilt> recorded = new ArrayList<>();
    final List<String> rebuilt = new ArrayList<>();
    final Projections projections = new Projections() {
        @Override
        public List<ProjectionStatus> all() {
            return List.of(new ProjectionStatus("usage", "pooled", ProjectionStatus.Kind.READ_MODEL, true, false, false,
                    false, OptionalLong.of(40), OptionalLong.of(42), List.of("usage_record")));
        }

        @Override
        public Optional<ProjectionStatus> status(String name) {
            return all().stream().filter(s -> s.name().equals(name)).findFirst();
        }

        @Override
        public RebuildOutcome rebuild(String name) {
            rebuilt.add(name);
            if (!name.equals("usage")) {
                throw new ProjectionRefused(ProjectionRefused.Reason.UNKNOWN_PROJECTION, "no such projection");
            }
            return new RebuildOutcome(name, "transactional-replay", 12, 40,
                    Optional.of(new ReadModelChecksum("a".repeat(64), 5)),
                    Optional.of(new ReadModelChecksum("b".repeat(64), 4)));
        }
    };
    final ProjectionService service = new ProjectionService(projections, recorded::add,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aRebuildIsRecordedWithItsChecksumsAndSaysWhetherTheyMatched() {
        ProjectionRebuilt result = service.rebuild(Caller.administrator(), "usage");

        assertThat(recorded).containsExactly(result);
        assertThat(result).isEqualTo(new ProjectionRebuilt("usage", "transactional-replay", 12, 40, "a".repeat(64), 5,
                "b".repeat(64), 4, NOW));
        assertThat(result.matched()).isFalse();
    }

    @Test
    void aRefusedRebuildRecordsNothing() {
        assertThatThrownBy(() -> service.rebuild(Caller.administrator(), "lago"))
                .isInstanceOf(ProjectionRefused.class);
        assertThat(recorded).isEmpty();
    }

    @Test
    void aNameThatCannotBeAProcessorIsUnknownWithoutAskingTheProcessors() {
        for (String name : new String[] {"", "a b", "x".repeat(101), "usage;drop", null}) {
            assertThatThrownBy(() -> service.rebuild(Caller.administrator(), name))
                    .isInstanceOfSatisfying(ProjectionRefused.class,
                            e -> assertThat(e.reason()).isEqualTo(ProjectionRefused.Reason.UNKNOWN_PROJECTION));
        }
        assertThat(rebuilt).isEmpty();
    }

    @Test
    void anAccountMayNeitherListNorRebuild() {
        Caller account = Caller.of(new AccountId("00000000-0000-0000-0000-000000000001"));
        assertThatThrownBy(() -> service.projections(account)).isInstanceOf(IdentityException.class);
        assertThatThrownBy(() -> service.rebuild(account, "usage")).isInstanceOf(IdentityException.class);
        assertThat(rebuilt).isEmpty();
        assertThat(service.projections(Caller.administrator())).extracting(ProjectionStatus::lag)
                .containsExactly(OptionalLong.of(2));
    }
}

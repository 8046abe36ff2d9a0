package dev.switchgear.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchgear.adapter.persistence.readmodel.JooqHealthHistory;
import dev.switchgear.application.port.out.routing.HealthNotifier;
import dev.switchgear.application.service.routing.HealthTransitions;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Health transitions reported to the application's service land as {@code provider_health_event} rows. */
class JooqHealthHistoryTest {

    private final PostgresFixture pg = PostgresFixture.INSTANCE;

    @Test
    void eachReportedTransitionIsARowAndTheLatestComeFirst() {
        JooqHealthHistory history = new JooqHealthHistory(pg.db);
        HealthTransitions transitions = new HealthTransitions(List.of(history));
        String provider = "p-" + UUID.randomUUID();
        Instant later = Instant.parse("2099-01-01T00:00:02Z");

        transitions.report(new HealthNotifier.Transition(provider, "m", "up", "down", "circuit CLOSED to OPEN",
                Instant.parse("2099-01-01T00:00:01Z")));
        transitions.report(new HealthNotifier.Transition(provider, null, "down", "up", "x".repeat(600), later));

        List<HealthNotifier.Transition> latest = history.latest(2);
        assertThat(latest).extracting(HealthNotifier.Transition::provider).containsExactly(provider, provider);
        assertThat(latest.get(0).to()).isEqualTo("up");
        assertThat(latest.get(0).model()).isNull();
        assertThat(latest.get(0).reason()).hasSize(500);
        assertThat(latest.get(0).at()).isEqualTo(later);
        assertThat(latest.get(1).model()).isEqualTo("m");
        assertThat(latest.get(1).from()).isEqualTo("up");
    }
}

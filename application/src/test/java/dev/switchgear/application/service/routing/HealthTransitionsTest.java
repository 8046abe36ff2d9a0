package dev.switchgear.application.service.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchgear.application.port.out.routing.HealthNotifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthTransitionsTest {

    private static final HealthNotifier.Transition DOWN = new HealthNotifier.Transition("groq", "llama", "up", "down",
            "circuit State transition from CLOSED to OPEN", Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void everyNotifierHearsOfEachTransitionInOrder() {
        List<String> heard = new ArrayList<>();
        HealthTransitions transitions = new HealthTransitions(List.of(
                t -> heard.add("log " + t.provider() + " " + t.to()),
                t -> heard.add("history " + t.model() + " " + t.from())));

        transitions.report(DOWN);

        assertThat(heard).containsExactly("log groq down", "history llama up");
    }

    @Test
    void aFailingNotifierDoesNotKeepTheOthersFromHearingNorFailTheReport() {
        List<HealthNotifier.Transition> heard = new ArrayList<>();
        HealthTransitions transitions = new HealthTransitions(List.of(
                t -> {
                    throw new IllegalStateException("the history table is gone");
                },
                heard::add));

        transitions.report(DOWN);

        assertThat(heard).containsExactly(DOWN);
    }
}

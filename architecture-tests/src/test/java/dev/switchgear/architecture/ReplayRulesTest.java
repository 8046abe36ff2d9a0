package dev.switchgear.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.switchgear.architecture.fixtures.replay.NotifierRefusingReplays;
import dev.switchgear.architecture.fixtures.replay.NotifierThatReplays;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.Test;

/**
 * Replays never call out (ADR 0025): a rebuild hands the stored events to a processor's handlers as
 * replays, so every event handler outside the persistence adapter's projections — the ones that
 * meter to Lago, alert, notify — must refuse replays with {@code @DisallowReplay}. The rule has
 * handlers to check in the gateway (the Lago meter, the alerts) and fails on a synthetic one.
 */
class ReplayRulesTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.switchgear");

    static ArchRule handlersOutsideTheProjectionsRefuseReplays(String projections) {
        return methods().that().areAnnotatedWith(EventHandler.class)
                .and().areDeclaredInClassesThat().resideOutsideOfPackage(projections)
                .should().beAnnotatedWith(DisallowReplay.class)
                .as("event handlers outside " + projections + " (they call out) refuse replays")
                .allowEmptyShould(false);
    }

    @Test
    void theGatewaysHandlersThatCallOutRefuseReplays() {
        handlersOutsideTheProjectionsRefuseReplays("dev.switchgear.adapter.persistence..").check(MAIN);
    }

    @Test
    void theRuleFailsOnAHandlerThatWouldCallOutAgainAndPassesOneThatRefuses() {
        ArchRule rule = handlersOutsideTheProjectionsRefuseReplays("dev.switchgear.adapter.persistence..");
        EvaluationResult broken = rule.evaluate(new ClassFileImporter()
                .importClasses(NotifierThatReplays.class, NotifierRefusingReplays.class));
        assertThat(broken.hasViolation()).isTrue();
        assertThat(broken.getFailureReport().getDetails()).singleElement()
                .satisfies(d -> assertThat(d).contains(NotifierThatReplays.class.getName()));
        assertThat(rule.evaluate(new ClassFileImporter().importClasses(NotifierRefusingReplays.class)).hasViolation())
                .isFalse();
    }
}

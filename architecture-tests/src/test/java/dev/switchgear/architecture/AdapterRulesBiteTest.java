package dev.switchgear.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.switchgear.architecture.fixtures.adapter.llm.ProviderUsingWire;
import dev.switchgear.architecture.fixtures.adapter.rest.ControllerUsingLlm;
import dev.switchgear.architecture.fixtures.adapter.rest.ControllerUsingWire;
import dev.switchgear.architecture.fixtures.adapter.wire.Codec;
import dev.switchgear.architecture.fixtures.adapter.wire.CodecUsingRest;
import dev.switchgear.architecture.fixtures.adapter.wire.CodecUsingSpring;
import org.junit.jupiter.api.Test;

/**
 * The adapter rules of {@link ArchitectureTest} on synthetic adapters (in {@code fixtures.adapter}):
 * the exception for the wire library is as narrow as it says, and each rule fails when broken.
 */
class AdapterRulesBiteTest {

    private static final String ROOT = "dev.switchgear.architecture.fixtures.adapter";

    private static JavaClasses classes(Class<?>... classes) {
        return new ClassFileImporter().importClasses(classes);
    }

    private static EvaluationResult independence(JavaClasses classes) {
        return ArchitectureTest.adaptersIndependentExceptForWire(ROOT).evaluate(classes);
    }

    private static EvaluationResult wire(JavaClasses classes) {
        return ArchitectureTest.wireIsAPlainLibrary(ROOT).evaluate(classes);
    }

    @Test
    void anyAdapterMayUseTheWireLibrary() {
        JavaClasses allowed = classes(Codec.class, ControllerUsingWire.class, ProviderUsingWire.class);

        assertThat(independence(allowed).hasViolation()).isFalse();
        assertThat(wire(allowed).hasViolation()).isFalse();
    }

    @Test
    void anAdapterUsingAnotherAdapterThatIsNotTheWireLibraryIsRefused() {
        EvaluationResult result = independence(classes(Codec.class, ProviderUsingWire.class, ControllerUsingLlm.class));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anySatisfy(d -> assertThat(d)
                .contains(ControllerUsingLlm.class.getName()).contains(ProviderUsingWire.class.getName()));
    }

    @Test
    void theWireLibraryUsingAnotherAdapterIsRefusedByBothRules() {
        JavaClasses classes = classes(Codec.class, ControllerUsingWire.class, CodecUsingRest.class);

        assertThat(independence(classes).getFailureReport().getDetails())
                .anySatisfy(d -> assertThat(d).contains(CodecUsingRest.class.getName()));
        assertThat(wire(classes).getFailureReport().getDetails()).isNotEmpty()
                .allSatisfy(d -> assertThat(d).contains(CodecUsingRest.class.getName()));
    }

    @Test
    void theWireLibraryUsingSpringIsRefused() {
        EvaluationResult result = wire(classes(Codec.class, CodecUsingSpring.class));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).allSatisfy(d -> assertThat(d)
                .contains(CodecUsingSpring.class.getName()));
        assertThat(result.getFailureReport().getDetails()).anySatisfy(d -> assertThat(d)
                .contains("org.springframework.util.StringUtils"));
    }
}

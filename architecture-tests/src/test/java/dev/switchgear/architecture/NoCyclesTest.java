package dev.switchgear.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * No import cycle between the bounded contexts: the domain's contexts (credit, keyring, routing,
 * shared) reach each other only one way, and so do the application's (a context's use cases, ports
 * and services together). The last test proves the rule bites on a cycle.
 */
class NoCyclesTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.switchgear");

    /** The domain's contexts: {@code dev.switchgear.domain.<context>..}. */
    static ArchRule domainContextsAreFreeOfCycles() {
        return SlicesRuleDefinition.slices().matching("dev.switchgear.domain.(*)..")
                .namingSlices("domain context $1").should().beFreeOfCycles();
    }

    /**
     * The application's contexts: {@code port.in.<context>}, {@code port.out.<context>} and
     * {@code service.<context>} form one slice per context.
     */
    static ArchRule applicationContextsAreFreeOfCycles() {
        return SlicesRuleDefinition.slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String[] parts = javaClass.getPackageName().split("\\.");
                // dev.switchgear.application.port.(in|out).<context> or dev.switchgear.application.service.<context>
                if (parts.length >= 6 && parts[2].equals("application") && parts[3].equals("port")) {
                    return SliceIdentifier.of("application context " + parts[5]);
                }
                if (parts.length >= 5 && parts[2].equals("application") && parts[3].equals("service")) {
                    return SliceIdentifier.of("application context " + parts[4]);
                }
                return SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the application's contexts";
            }
        }).should().beFreeOfCycles();
    }

    @Test
    void theDomainsContextsHaveNoCycle() {
        domainContextsAreFreeOfCycles().check(MAIN);
    }

    @Test
    void theApplicationsContextsHaveNoCycle() {
        applicationContextsAreFreeOfCycles().check(MAIN);
    }

    @Test
    void theRulesSeeEveryContext() {
        Set<String> domain = contexts("dev.switchgear.domain.", 3);
        assertThat(domain).contains("credit", "keyring", "routing", "shared");
        Set<String> application = MAIN.stream().map(JavaClass::getPackageName)
                .filter(p -> p.startsWith("dev.switchgear.application.service."))
                .map(p -> p.split("\\.")[4]).collect(Collectors.toSet());
        assertThat(application).contains("credit", "keyring", "routing", "completion", "billing", "identity");
        assertThat(application).contains("responses");
    }

    @Test
    void theCycleRuleBitesOnACycle() {
        JavaClasses cycle = new ClassFileImporter().importPackages("dev.switchgear.architecture.cyclefixture");
        assertThat(cycle).hasSize(2);
        ArchRule rule = SlicesRuleDefinition.slices().matching("dev.switchgear.architecture.cyclefixture.(*)..")
                .should().beFreeOfCycles();
        assertThatThrownBy(() -> rule.check(cycle)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected");
    }

    private static Set<String> contexts(String prefix, int index) {
        return MAIN.stream().map(JavaClass::getPackageName).filter(p -> p.startsWith(prefix))
                .map(p -> List.of(p.split("\\.")).get(index)).collect(Collectors.toSet());
    }
}

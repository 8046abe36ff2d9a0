package dev.switchgear.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import dev.switchgear.architecture.fixture.rest.ControllerReachingAnOutgoingPort;
import dev.switchgear.architecture.fixture.rest.ControllerUsingOnlyUseCaseValues;
import dev.switchgear.architecture.fixture.keycloak.DirectoryUsingKeycloak;
import dev.switchgear.architecture.fixture.rest.ControllerUsingKeycloak;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

/**
 * The hexagon's rules over the whole code base. ArchUnit fails a rule whose subject is empty
 * ({@code archRule.failOnEmptyShould}, on by default), and {@link #everyPackageARuleNamesHasClasses}
 * checks the named packages directly, so no rule here can pass by matching nothing.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.switchgear");

    private static final String DOMAIN = "dev.switchgear.domain..";
    private static final String APPLICATION = "dev.switchgear.application..";
    private static final String ADAPTERS = "dev.switchgear.adapter..";
    private static final String BOOTSTRAP = "dev.switchgear.bootstrap..";

    @Test
    void everyPackageARuleNamesHasClasses() {
        for (String pkg : List.of("dev.switchgear.domain", "dev.switchgear.domain.credit.api", "dev.switchgear.application",
                "dev.switchgear.application.port.in", "dev.switchgear.application.port.out",
                "dev.switchgear.adapter", "dev.switchgear.adapter.crypto", "dev.switchgear.adapter.billing",
                "dev.switchgear.adapter.wire", "dev.switchgear.adapter.wire.anthropic",
                "dev.switchgear.adapter.wire.responses", "dev.switchgear.application.port.in.responses",
                "dev.switchgear.application.port.out.responses", "dev.switchgear.application.service.responses",
                "dev.switchgear.adapter.rest", "dev.switchgear.adapter.graphql", "dev.switchgear.adapter.keycloak", "dev.switchgear.application.service",
                "dev.switchgear.adapter.console",
                "dev.switchgear.bootstrap")) {
            assertThat(CLASSES.stream().anyMatch(c -> c.getPackageName().startsWith(pkg)))
                    .as("package %s has classes", pkg).isTrue();
        }
    }

    @Test
    void layersDependInwardOnly() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Domain").definedBy(DOMAIN)
                .layer("Application").definedBy(APPLICATION)
                .layer("Adapters").definedBy(ADAPTERS)
                .layer("Bootstrap").definedBy(BOOTSTRAP)
                .whereLayer("Bootstrap").mayNotBeAccessedByAnyLayer()
                .whereLayer("Adapters").mayOnlyBeAccessedByLayers("Bootstrap")
                .whereLayer("Application").mayOnlyBeAccessedByLayers("Adapters", "Bootstrap")
                .whereLayer("Domain").mayOnlyBeAccessedByLayers("Application", "Adapters", "Bootstrap")
                .check(CLASSES);
    }

    @Test
    void theDomainDependsOnlyOnJavaAndAxonsModellingAnnotations() {
        classes().that().resideInAPackage(DOMAIN)
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "java..", DOMAIN,
                        "org.axonframework.modelling.command..",
                        "org.axonframework.eventsourcing",
                        "org.axonframework.commandhandling",
                        "org.axonframework.serialization")
                .check(CLASSES);
    }

    @Test
    void theApplicationUsesNoFramework() {
        classes().that().resideInAPackage(APPLICATION)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN, APPLICATION)
                .check(CLASSES);
    }

    @Test
    void useCasesAndPortsAreInterfacesOrValues() {
        classes().that().resideInAPackage("dev.switchgear.application.port..")
                .should().beInterfaces().orShould().beRecords().orShould().beEnums()
                .orShould().beAssignableTo(RuntimeException.class)
                .check(CLASSES);
    }

    @Test
    void adaptersAreIndependentOfEachOther() {
        adaptersIndependentExceptForWire("dev.switchgear.adapter").check(CLASSES);
    }

    /**
     * The web console (ADR 0026) serves pages and public settings and holds no data: every figure a page
     * shows comes from the API with the signed-in caller's credential. So its Java side reaches neither the
     * application nor the domain — only Java, Spring MVC, Jackson and the servlet API.
     */
    @Test
    void theConsoleReachesNoUseCaseItsPagesGoThroughTheApi() {
        theConsoleIsOnlyPages("dev.switchgear.adapter.console..").check(CLASSES);
    }

    /** The rule above bites: a page handler holding a use case fails it; one serving pages passes. */
    @Test
    void theConsoleRuleFailsOnAPageThatReachesTheApplication() {
        ArchRule rule = theConsoleIsOnlyPages("dev.switchgear.architecture.fixture.console..");
        assertThatThrownBy(() -> rule.check(new ClassFileImporter().importClasses(
                dev.switchgear.architecture.fixture.console.PageReadingTheLedger.class)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ManageAccountsUseCase");
        rule.check(new ClassFileImporter().importClasses(dev.switchgear.architecture.fixture.console.PageOnlyServingFiles.class));
    }

    static ArchRule theConsoleIsOnlyPages(String console) {
        return classes().that().resideInAPackage(console)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.springframework.web..",
                        "org.springframework.http..", "com.fasterxml.jackson..", "jakarta.servlet..", console)
                .as("the console's Java side depends only on Java, Spring MVC, Jackson and the servlet API");
    }

    @Test
    void theWireFormatsDependOnNoOtherAdapterAndNoFramework() {
        wireIsAPlainLibrary("dev.switchgear.adapter").check(CLASSES);
    }

    /**
     * Adapters do not depend on each other, except that any may use {@code <root>.wire}, the library of
     * vendor wire formats. Shared with {@link AdapterRulesBiteTest}, which runs it on synthetic classes.
     */
    static ArchRule adaptersIndependentExceptForWire(String adapterRoot) {
        return slices().matching(adapterRoot + ".(*)..").should().notDependOnEachOther()
                .ignoreDependency(JavaClass.Predicates.resideInAPackage(adapterRoot + ".."),
                        JavaClass.Predicates.resideInAPackage(adapterRoot + ".wire.."))
                .as("adapters are independent of each other, except that any may use " + adapterRoot + ".wire");
    }

    /**
     * {@code <root>.wire} is a library of formats: java, Jackson, itself, and our domain and
     * application-port value types (records, enums, exceptions), nothing else: no other adapter and
     * no Spring. Shared with {@link AdapterRulesBiteTest}.
     */
    static ArchRule wireIsAPlainLibrary(String adapterRoot) {
        DescribedPredicate<JavaClass> portValues = JavaClass.Predicates.resideInAPackage(
                "dev.switchgear.application.port..").and(DescribedPredicate.describe("a value type",
                c -> c.isRecord() || c.isEnum() || c.isAssignableTo(RuntimeException.class)));
        return classes().that().resideInAPackage(adapterRoot + ".wire..")
                .should().onlyDependOnClassesThat(JavaClass.Predicates.resideInAnyPackage("java..",
                        "com.fasterxml.jackson..", DOMAIN, adapterRoot + ".wire..").or(portValues))
                .as(adapterRoot + ".wire depends only on java, Jackson, itself and domain and port value types");
    }

    @Test
    void incomingAdaptersNeverReachOutgoingPortsDirectlyExceptForTheirValues() {
        incomingAdaptersReachTheApplicationOnlyThroughUseCases("dev.switchgear.adapter.rest..",
                "dev.switchgear.adapter.graphql..", "dev.switchgear.adapter.console..").check(CLASSES);
    }

    /** The rule above bites: a controller holding an out-port fails it, one reading a returned value passes. */
    @Test
    void theIncomingAdapterRuleFailsOnAControllerThatHoldsAnOutgoingPort() {
        ArchRule rule = incomingAdaptersReachTheApplicationOnlyThroughUseCases("dev.switchgear.architecture.fixture.rest..");
        JavaClasses offender = new ClassFileImporter().importClasses(ControllerReachingAnOutgoingPort.class);
        JavaClasses compliant = new ClassFileImporter().importClasses(ControllerUsingOnlyUseCaseValues.class);

        assertThatThrownBy(() -> rule.check(offender)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("UsageReadModel");
        rule.check(compliant);
    }

    /**
     * Incoming adapters (controllers and resolvers) reach the application through {@code port.in}
     * only: never a service, never an outgoing port. They may name the values an outgoing port
     * defines when a use case returns or throws them (records, enums, exceptions).
     */
    private static ArchRule incomingAdaptersReachTheApplicationOnlyThroughUseCases(String... incoming) {
        DescribedPredicate<JavaClass> outgoingPortItself = JavaClass.Predicates
                .resideInAPackage("dev.switchgear.application.port.out..")
                .and(DescribedPredicate.describe("neither a record, an enum nor an exception",
                        c -> !c.isRecord() && !c.isEnum() && !c.isAssignableTo(Throwable.class)));
        return classes().that().resideInAnyPackage(incoming)
                .should().onlyDependOnClassesThat(DescribedPredicate.not(
                        JavaClass.Predicates.resideInAPackage("dev.switchgear.application.service..")
                                .or(outgoingPortItself)));
    }

    /** Key material is handled in one place: only the crypto adapter (and wiring) touches Tink. */
    @Test
    void onlyTheCryptoAdapterUsesTink() {
        noClasses().that().resideOutsideOfPackage("dev.switchgear.adapter.crypto..")
                .should().dependOnClassesThat().resideInAPackage("com.google.crypto.tink..")
                .check(CLASSES);
    }

    /** The API reference is assembled in one place (ADR 0019): only bootstrap uses springdoc and its OpenAPI model. */
    @Test
    void onlyBootstrapUsesSpringdoc() {
        noClasses().that().resideOutsideOfPackage("dev.switchgear.bootstrap..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springdoc..", "io.swagger..")
                .check(CLASSES);
    }

    /** Payments are spoken to in one place: only the billing adapter uses stripe-java. */
    @Test
    void onlyTheBillingAdapterUsesStripe() {
        noClasses().that().resideOutsideOfPackage("dev.switchgear.adapter.billing..")
                .should().dependOnClassesThat().resideInAPackage("com.stripe..")
                .check(CLASSES);
    }

    /** The identity provider's directory is spoken to in one place: only the keycloak adapter uses Keycloak's client. */
    @Test
    void onlyTheKeycloakAdapterUsesKeycloak() {
        onlyTheAdapterUsesKeycloak("dev.switchgear.adapter.keycloak..").check(CLASSES);
    }

    /** The rule above bites: a controller reading Keycloak's types fails it, the adapter's kind of class passes. */
    @Test
    void theKeycloakRuleFailsOnAClassOutsideTheAdapterThatUsesKeycloak() {
        ArchRule rule = onlyTheAdapterUsesKeycloak("dev.switchgear.architecture.fixture.keycloak..");
        JavaClasses offender = new ClassFileImporter().importClasses(ControllerUsingKeycloak.class);
        JavaClasses adapter = new ClassFileImporter().importClasses(DirectoryUsingKeycloak.class);

        assertThatThrownBy(() -> rule.check(offender)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("org.keycloak");
        assertThatThrownBy(() -> rule.check(adapter)).as("nothing outside the adapter to judge: the rule is empty")
                .isInstanceOf(AssertionError.class);
        rule.check(new ClassFileImporter().importClasses(DirectoryUsingKeycloak.class, ControllerUsingOnlyUseCaseValues.class));
    }

    private static ArchRule onlyTheAdapterUsesKeycloak(String adapterPackage) {
        return noClasses().that().resideOutsideOfPackage(adapterPackage)
                .should().dependOnClassesThat().resideInAPackage("org.keycloak..");
    }

    @Test
    void commandsAreRecords() {
        ArchRuleDefinition.codeUnits().that().areAnnotatedWith(CommandHandler.class)
                .should(takeAsFirstParameter("a record", JavaClass::isRecord))
                .check(CLASSES);
    }

    @Test
    void eventsAreRecordsWithARevision() {
        methods().that().areAnnotatedWith(EventSourcingHandler.class)
                .should(takeAsFirstParameter("a record annotated with @Revision",
                        type -> type.isRecord() && type.isAnnotatedWith(Revision.class)))
                .check(CLASSES);
    }

    @Test
    void commandAndEventPackagesHoldOnlyRecordsAndEnums() {
        classes().that().resideInAPackage("dev.switchgear.domain..api..")
                .should().beRecords().orShould().beEnums()
                .orShould(beSealedInterfaces())
                .check(CLASSES);
    }

    /** A context's sealed command or event type (its permitted subtypes are the records). */
    private static ArchCondition<JavaClass> beSealedInterfaces() {
        return new ArchCondition<>("be sealed interfaces") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean ok = type.isInterface() && type.reflect().isSealed();
                events.add(new SimpleConditionEvent(type, ok, type.getName() + (ok ? " is" : " is not")
                        + " a sealed interface"));
            }
        };
    }

    private static ArchCondition<JavaCodeUnit> takeAsFirstParameter(String what,
                                                                    java.util.function.Predicate<JavaClass> test) {
        return new ArchCondition<>("take " + what + " as first parameter") {
            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                List<JavaClass> parameters = unit.getRawParameterTypes();
                boolean ok = !parameters.isEmpty() && test.test(parameters.get(0));
                events.add(new SimpleConditionEvent(unit, ok, unit.getFullName()
                        + (ok ? " takes " : " does not take ") + what));
            }
        };
    }
}

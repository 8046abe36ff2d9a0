package dev.switchgear.application.service.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.fakes.AlwaysHealthy;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityError;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.application.port.out.keyring.ProviderKeyVerifier.KeyCheck;
import dev.switchgear.application.port.out.routing.ProviderConnectivity;
import dev.switchgear.domain.keyring.api.KeyTestStatus;
import dev.switchgear.domain.routing.Catalog;
import dev.switchgear.domain.routing.RoutingException;
import dev.switchgear.domain.routing.api.CatalogInitialised;
import dev.switchgear.domain.routing.api.ProviderDefinition;
import dev.switchgear.domain.routing.api.RoutingRules;
import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProviderProbeServiceTest {

    private static final Catalog CATALOG = Catalog.replay(List.of(new CatalogInitialised(1,
            List.of(new ProviderDefinition("local-llm", "Local", "openai", true),
                    new ProviderDefinition("groq", "Groq", "openai", false)),
            List.of(), new RoutingRules(Map.of(), Map.of(), 3), Instant.parse("2026-06-01T00:00:00Z"))));

    /** Probes answer from a script: up or down per provider; every probe is remembered. */
    static final class ScriptedConnectivity implements ProviderConnectivity {
        final Set<String> down = new java.util.HashSet<>();
        final List<String> probed = new ArrayList<>();

        @Override
        public Set<String> probeable() {
            return Set.of("groq", "sim");
        }

        @Override
        public KeyCheck probe(String provider) {
            probed.add(provider);
            return down.contains(provider) ? new KeyCheck(KeyTestStatus.UNREACHABLE, 0, "connection refused")
                    : new KeyCheck(KeyTestStatus.VALID, 12, "ok");
        }
    }

    private final AlwaysHealthy health = new AlwaysHealthy();
    private final ScriptedConnectivity connectivity = new ScriptedConnectivity();
    private final ProviderProbeService service = new ProviderProbeService(() -> CATALOG, health, connectivity);

    @Test
    void onlyTheAdministratorTestsAProvider() {
        assertThatThrownBy(() -> service.test(Caller.of(AccountId.of(UUID.randomUUID())), "groq"))
                .isInstanceOfSatisfying(IdentityException.class,
                        e -> assertThat(e.code()).isEqualTo(IdentityError.ADMIN_REQUIRED));
        assertThat(connectivity.probed).isEmpty();
    }

    @Test
    void aProbeResultIsAnsweredAndFedToHealth() {
        connectivity.down.add("groq");
        assertThat(service.test(Caller.administrator(), "groq").status()).isEqualTo(KeyTestStatus.UNREACHABLE);
        assertThat(health.admits("groq", "any")).isFalse();

        connectivity.down.clear();
        KeyCheck up = service.test(Caller.administrator(), "groq");

        assertThat(up.status()).isEqualTo(KeyTestStatus.VALID);
        assertThat(up.latencyMillis()).isEqualTo(12);
        assertThat(health.admits("groq", "any")).isTrue();
    }

    @Test
    void aCatalogProviderWithoutAConnectionHereIsUnreachableWithoutAProbe() {
        KeyCheck check = service.test(Caller.administrator(), "local-llm");

        assertThat(check.status()).isEqualTo(KeyTestStatus.UNREACHABLE);
        assertThat(check.detail()).contains("no platform connection");
        assertThat(connectivity.probed).isEmpty();
    }

    @Test
    void anUnknownProviderIsARoutingRefusal() {
        assertThatThrownBy(() -> service.test(Caller.administrator(), "nobody")).isInstanceOf(RoutingException.class)
                .hasMessageContaining("no provider nobody");
    }

    @Test
    void theScheduledCheckProbesEveryProbeableProvider() {
        connectivity.down.add("sim");

        service.probeAll();

        assertThat(connectivity.probed).containsExactlyInAnyOrder("groq", "sim");
        assertThat(health.admits("sim", "any")).isFalse();
        assertThat(health.admits("groq", "any")).isTrue();
    }
}

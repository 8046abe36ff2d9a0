package dev.switchgear.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityError;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.application.port.in.routing.ExplainUseCase;
import dev.switchgear.application.port.in.routing.ManageRoutingRulesUseCase;
import dev.switchgear.application.port.in.credit.PowerLevelUseCase;
import dev.switchgear.application.port.out.usage.UsageRecord;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.shared.PowerLevel;
import dev.switchgear.domain.routing.api.RoutingRules;
import dev.switchgear.domain.routing.api.RoutingTrace;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The routing controllers over in-memory use cases, with the caller set as the authentication
 * filter sets it: preferences of one's own account, another account's (not found), explain, and the
 * administrator-only rules.
 */
class RoutingControllersTest {

    private static final AccountId ALICE = AccountId.of(UUID.randomUUID());
    private static final AccountId BOB = AccountId.of(UUID.randomUUID());

    /** Preferences in memory, with the same visibility rule as the service. */
    static final class Preferences implements PowerLevelUseCase {
        final Map<AccountId, PowerLevel> levels = new HashMap<>();
        final Map<AccountId, Boolean> byok = new HashMap<>();

        private static void visible(Caller caller, AccountId account) {
            if (!caller.canSee(account)) {
                throw new CreditException(CreditError.ACCOUNT_NOT_FOUND, "account not found");
            }
        }

        @Override
        public PowerLevel powerLevel(Caller caller, AccountId account) {
            visible(caller, account);
            return levels.getOrDefault(account, PowerLevel.BALANCED);
        }

        @Override
        public void choosePowerLevel(Caller caller, AccountId account, PowerLevel level) {
            visible(caller, account);
            levels.put(account, level);
        }

        @Override
        public boolean prefersByok(Caller caller, AccountId account) {
            visible(caller, account);
            return byok.getOrDefault(account, true);
        }

        @Override
        public void setByokPreference(Caller caller, AccountId account, boolean preferByok) {
            visible(caller, account);
            byok.put(account, preferByok);
        }
    }

    /** Rules in memory; only the administrator changes them. */
    static final class Rules implements ManageRoutingRulesUseCase {
        long version = 3;
        RoutingRules rules = new RoutingRules(Map.of(), Map.of(), 3);

        @Override
        public long catalogVersion() {
            return version;
        }

        @Override
        public RoutingRules rules() {
            return rules;
        }

        @Override
        public long setRules(Caller caller, RoutingRules next) {
            if (!caller.admin()) {
                throw new IdentityException(IdentityError.ADMIN_REQUIRED, "this call needs the admin key");
            }
            rules = next;
            return ++version;
        }
    }

    private final Preferences preferences = new Preferences();
    private final Rules rules = new Rules();
    private final UsageRecord explained = new UsageRecord(new RequestId("req-1"), "b", "sim-b", 10, 20, false,
            MicroCredits.of(1_500_000), MicroCredits.of(1_500_000), Instant.parse("2026-06-01T00:00:00Z"), false, 1_000,
            new RoutingTrace("duo", "eco", 7, "duo", List.of("a", "b"),
                    List.of(new RoutingTrace.Skip("c", "tier", "needs the professional tier")),
                    List.of(new RoutingTrace.Attempt("b", "sim-b", false, "ok", 9))));
    private final ExplainUseCase explain = (caller, id) -> caller.canSee(ALICE) && id.equals(explained.requestId())
            ? Optional.of(explained) : Optional.empty();
    private final ObjectMapper json = new ObjectMapper();
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(
                    new AccountPreferencesController(preferences, json), new ExplainController(explain),
                    new CatalogController(new dev.switchgear.application.port.in.routing.ManageCatalogUseCase() {
                        @Override
                        public long catalogVersion() {
                            return rules.version;
                        }

                        @Override
                        public List<ProviderView> providers() {
                            return List.of();
                        }

                        @Override
                        public List<dev.switchgear.domain.routing.api.CatalogModel> models() {
                            return List.of();
                        }

                        @Override
                        public long defineProvider(Caller caller, dev.switchgear.domain.routing.api.ProviderDefinition p) {
                            throw new UnsupportedOperationException();
                        }

                        @Override
                        public long removeProvider(Caller caller, String providerId) {
                            throw new UnsupportedOperationException();
                        }

                        @Override
                        public long defineModel(Caller caller, dev.switchgear.domain.routing.api.CatalogModel model) {
                            throw new UnsupportedOperationException();
                        }

                        @Override
                        public long removeModel(Caller caller, String modelId) {
                            throw new UnsupportedOperationException();
                        }
                    }, rules),
                    new CatalogAdminController(null, rules, null, json))
            .setControllerAdvice(new RestErrorHandling()).build();

    @Test
    void anAccountChoosesItsOwnPowerLevel() throws Exception {
        mvc.perform(put("/api/v1/llm/users/" + ALICE.value() + "/power-level")
                        .requestAttr(BearerAuthenticationFilter.CALLER, Caller.of(ALICE))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"power_level\":\"precision\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.user_id").value(ALICE.value()))
                .andExpect(jsonPath("$.power_level").value("precision"));
        assertThat(preferences.levels).containsEntry(ALICE, PowerLevel.PRECISION);
    }

    @Test
    void anotherAccountsPreferencesAreNotFoundAndUnchanged() throws Exception {
        mvc.perform(get("/api/v1/llm/users/" + BOB.value() + "/power-level")
                        .requestAttr(BearerAuthenticationFilter.CALLER, Caller.of(ALICE)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error.code").value("account_not_found"));
        mvc.perform(put("/api/v1/llm/users/" + BOB.value() + "/byok")
                        .requestAttr(BearerAuthenticationFilter.CALLER, Caller.of(ALICE))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"prefer_byok\":false}"))
                .andExpect(status().isNotFound());
        assertThat(preferences.byok).isEmpty();
    }

    @Test
    void badPreferenceBodiesAre400sThatChangeNothing() throws Exception {
        for (String body : new String[] {"{\"power_level\":\"turbo\"}", "{}", "[1]", "not json"}) {
            mvc.perform(put("/api/v1/llm/users/" + ALICE.value() + "/power-level")
                            .requestAttr(BearerAuthenticationFilter.CALLER, Caller.of(ALICE))
                            .contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.error.type").value("invalid_request_error"));
        }
        mvc.perform(put("/api/v1/llm/users/" + ALICE.value() + "/byok")
                        .requestAttr(BearerAuthenticationFilter.CALLER, Caller.of(ALICE))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"prefer_byok\":\"no\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error.param").value("prefer_byok"));
        mvc.perform(get("/api/v1/llm/users/not-an-id/power-level")
                        .requestAttr(BearerAuthenticationFilter.CALLER, Caller.of(ALICE)))
                .andExpect(status().isBadRequest());
        assertThat(preferences.levels).isEmpty();
        assertThat(preferences.byok).isEmpty();
    }

    @Test
    void aChargedRequestIsExplainedToItsAccountOnly() throws Exception {
        mvc.perform(get("/api/v1/llm/requests/req-1/explain")
                        .requestAttr(BearerAuthenticationFilter.CALLER, Caller.of(ALICE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.charged").value("1.500000"))
                .andExpect(jsonPath("$.multiplier").value(0.1))
                .andExpect(jsonPath("$.routing.skipped[0].code").value("tier"))
                .andExpect(jsonPath("$.routing.attempts[0].latency_ms").value(9));
        mvc.perform(get("/api/v1/llm/requests/req-1/explain")
                        .requestAttr(BearerAuthenticationFilter.CALLER, Caller.of(BOB)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error.code").value("request_not_found"));
    }

    @Test
    void theRulesAreReadByAnyoneAndChangedByTheAdministratorOnly() throws Exception {
        String body = "{\"chains\":{\"duo\":[\"a\",\"b\"]},\"quality_floors\":{\"eco\":10},\"max_attempts\":2}";
        mvc.perform(put("/api/v1/llm/routing/rules").requestAttr(BearerAuthenticationFilter.CALLER, Caller.of(ALICE))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.error.code").value("permission_denied"));
        mvc.perform(put("/api/v1/llm/routing/rules")
                        .requestAttr(BearerAuthenticationFilter.CALLER, Caller.administrator())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.catalog_version").value(4))
                .andExpect(jsonPath("$.chains.duo[1]").value("b"))
                .andExpect(jsonPath("$.max_attempts").value(2));
        mvc.perform(get("/api/v1/llm/routing/rules"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.quality_floors.eco").value(10));
        mvc.perform(put("/api/v1/llm/routing/rules")
                        .requestAttr(BearerAuthenticationFilter.CALLER, Caller.administrator())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"quality_floors\":{\"turbo\":1}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error.param").value("quality_floors"));
        assertThat(rules.version).isEqualTo(4);
    }
}

package dev.switchgear.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.application.port.in.identity.IssueApiKeyUseCase.IssuedApiKey;
import dev.switchgear.application.port.in.identity.ManageApiKeysUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The key routes' shapes and strictness, over a use case that records what reached it. */
class ApiKeysControllerTest {

    private static final AccountId ALICE = AccountId.of(UUID.randomUUID());
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static final String KEY = "sg-" + "k".repeat(43);

    /** Keys of one account; anything else is not found, as the service answers. */
    static final class Keys implements ManageApiKeysUseCase {
        final List<NewApiKey> created = new ArrayList<>();
        final List<String> revoked = new ArrayList<>();

        @Override
        public IssuedApiKey create(Caller caller, AccountId accountId, NewApiKey request) {
            created.add(request);
            return new IssuedApiKey("k1", KEY, KEY.substring(0, 7), request.name(), T0, request.expiresAt());
        }

        @Override
        public List<ApiKeyView> list(Caller caller, AccountId accountId) {
            return List.of(new ApiKeyView("k1", "ci", KEY.substring(0, 7), T0, T0.plusSeconds(5), null, false));
        }

        @Override
        public void revoke(Caller caller, AccountId accountId, String keyId) {
            if (!accountId.equals(ALICE) || !keyId.equals("k1")) {
                throw new CreditException(CreditError.API_KEY_NOT_FOUND, "API key not found");
            }
            revoked.add(keyId);
        }
    }

    private final Keys keys = new Keys();
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new ApiKeysController(keys, new ObjectMapper()))
            .setControllerAdvice(new RestErrorHandling()).build();

    @Test
    void aCreatedKeyIsShownOnceWithItsMaskAndTimes() throws Exception {
        mvc.perform(post("/api/v1/keys").requestAttr(BearerAuthenticationFilter.CALLER, Caller.of(ALICE))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"ci\",\"expires_at\":\"2027-01-31T01:00:00+01:00\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").value("k1"))
                .andExpect(jsonPath("$.key").value(KEY))
                .andExpect(jsonPath("$.masked").value("sg-kkkk…"))
                .andExpect(jsonPath("$.name").value("ci"))
                .andExpect(jsonPath("$.created_at").value("2026-06-01T00:00:00Z"))
                .andExpect(jsonPath("$.expires_at").value("2027-01-31T00:00:00Z"));
        mvc.perform(post("/api/v1/keys").requestAttr(BearerAuthenticationFilter.CALLER, Caller.of(ALICE)))
                .andExpect(status().isCreated());
        mvc.perform(post("/api/v1/keys").requestAttr(BearerAuthenticationFilter.CALLER, Caller.of(ALICE))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"expires_in_days\":30}"))
                .andExpect(status().isCreated());

        assertThat(keys.created).containsExactly(
                new ManageApiKeysUseCase.NewApiKey("ci", Instant.parse("2027-01-31T00:00:00Z"), null),
                ManageApiKeysUseCase.NewApiKey.unnamed(), new ManageApiKeysUseCase.NewApiKey(null, null, 30));
    }

    @Test
    void theListIsMaskedAndNeverHoldsTheKey() throws Exception {
        String body = mvc.perform(get("/api/v1/keys").requestAttr(BearerAuthenticationFilter.CALLER, Caller.of(ALICE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data[0].id").value("k1"))
                .andExpect(jsonPath("$.data[0].masked").value("sg-kkkk…"))
                .andExpect(jsonPath("$.data[0].last_used_at").value("2026-06-01T00:00:05Z"))
                .andExpect(jsonPath("$.data[0].expires_at").doesNotExist())
                .andReturn().getResponse().getContentAsString();
        assertThat(body).doesNotContain(KEY).doesNotContain("\"key\"");
    }

    @Test
    void badBodiesAre400InOpenAisShapeAndCreateNothing() throws Exception {
        for (String bad : List.of("{\"name\":42}", "{\"nmae\":\"x\"}", "{\"expires_at\":\"tomorrow\"}",
                "{\"expires_at\":\"2027-01-31T00:00:00\"}", "{\"expires_at\":1767225600}",
                "{\"expires_in_days\":0}", "{\"expires_in_days\":3651}", "{\"expires_in_days\":1.5}",
                "{\"expires_in_days\":\"3\"}", "{\"expires_in_days\":3,\"expires_at\":\"2027-01-31T00:00:00Z\"}",
                "[]", "{", "{\"name\":\"a\",\"name\":\"b\"}", "{\"" + KEY + "\":1}")) {
            String body = mvc.perform(post("/api/v1/keys").requestAttr(BearerAuthenticationFilter.CALLER, Caller.of(ALICE))
                            .contentType(MediaType.APPLICATION_JSON).content(bad))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.error.type").value("invalid_request_error"))
                    .andExpect(jsonPath("$.error.message").isNotEmpty())
                    .andReturn().getResponse().getContentAsString();
            assertThat(body).as(bad).doesNotContain(KEY.substring(3));
        }
        assertThat(keys.created).isEmpty();
    }

    @Test
    void theAdminKeyHasNoKeysOfItsOwnButManagesAnAccountsThroughTheAdminRoutes() throws Exception {
        mvc.perform(post("/api/v1/keys").requestAttr(BearerAuthenticationFilter.CALLER, Caller.administrator()))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.error.code").value("permission_denied"));
        mvc.perform(get("/api/v1/keys").requestAttr(BearerAuthenticationFilter.CALLER, Caller.administrator()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/admin/accounts/" + ALICE.value() + "/api-keys")
                        .requestAttr(BearerAuthenticationFilter.CALLER, Caller.administrator()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.data[0].id").value("k1"));
        mvc.perform(delete("/api/v1/admin/accounts/" + ALICE.value() + "/api-keys/k1")
                        .requestAttr(BearerAuthenticationFilter.CALLER, Caller.administrator()))
                .andExpect(status().isNoContent());
        mvc.perform(delete("/api/v1/admin/accounts/not-an-account/api-keys/k1")
                        .requestAttr(BearerAuthenticationFilter.CALLER, Caller.administrator()))
                .andExpect(status().isNotFound());
        assertThat(keys.created).isEmpty();
        assertThat(keys.revoked).containsExactly("k1");
    }

    @Test
    void revokingIs204AndAnUnknownKeyIs404() throws Exception {
        mvc.perform(delete("/api/v1/keys/k1").requestAttr(BearerAuthenticationFilter.CALLER, Caller.of(ALICE)))
                .andExpect(status().isNoContent());
        mvc.perform(delete("/api/v1/keys/k2").requestAttr(BearerAuthenticationFilter.CALLER, Caller.of(ALICE)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error.code").value("api_key_not_found"));
        mvc.perform(delete("/api/v1/keys/" + "x".repeat(65)).requestAttr(BearerAuthenticationFilter.CALLER,
                        Caller.of(ALICE)))
                .andExpect(status().isNotFound());
        assertThat(keys.revoked).containsExactly("k1");
    }
}

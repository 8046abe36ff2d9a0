package dev.switchgear.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityError;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.application.port.in.keyring.ByokStats;
import dev.switchgear.application.port.in.keyring.EraseKeyringUseCase;
import dev.switchgear.application.port.in.keyring.ManageProviderKeysUseCase;
import dev.switchgear.application.port.in.keyring.NewProviderKey;
import dev.switchgear.application.port.in.keyring.ProviderKeyView;
import dev.switchgear.application.port.in.keyring.RotateMasterKeyUseCase;
import dev.switchgear.application.port.out.keyring.MasterKeyRotation;
import dev.switchgear.application.port.out.keyring.MasterKeyStatus;
import dev.switchgear.domain.keyring.KeyringError;
import dev.switchgear.domain.keyring.KeyringException;
import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.util.ArrayList;
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
 * The BYOK controllers over in-memory use cases with the caller set as the authentication filter
 * sets it: a caller's own keys (shown masked only), another account's keyring, and the
 * administrator's master key endpoints.
 */
class KeyringControllersTest {

    private static final AccountId ALICE = AccountId.of(UUID.randomUUID());
    private static final AccountId BOB = AccountId.of(UUID.randomUUID());
    private static final String SECRET = "sk-proj-" + "x".repeat(40);

    /** Keyrings in memory: each caller's own; erasure of one the caller may not see is "no such keyring". */
    static final class Keyrings implements ManageProviderKeysUseCase, EraseKeyringUseCase {
        final Map<AccountId, List<ProviderKeyView>> keys = new HashMap<>();
        final List<NewProviderKey> received = new ArrayList<>();

        @Override
        public List<ProviderKeyView> keys(Caller caller) {
            return keys.getOrDefault(caller.account(), List.of());
        }

        @Override
        public ProviderKeyView add(Caller caller, NewProviderKey key) {
            received.add(key);
            ProviderKeyView view = new ProviderKeyView("pk_1", key.provider(), key.label().orElse("default"),
                    "sk-…xxxx", "fp", key.baseUrl(), Instant.parse("2026-06-01T00:00:00Z"), Optional.empty(), true);
            keys.computeIfAbsent(caller.account(), a -> new ArrayList<>()).add(view);
            return view;
        }

        @Override
        public int remove(Caller caller, String provider, Optional<String> label) {
            throw new KeyringException(KeyringError.KEY_NOT_FOUND, "no key stored for provider " + provider);
        }

        @Override
        public int erase(Caller caller, AccountId account) {
            if (!caller.canSee(account)) {
                throw new KeyringException(KeyringError.KEY_NOT_FOUND, "no such keyring");
            }
            List<ProviderKeyView> gone = keys.remove(account);
            return gone == null ? 0 : gone.size();
        }
    }

    /** A master key that can be rotated only when {@code rotatable}; administrator only. */
    static final class MasterKey implements RotateMasterKeyUseCase {
        boolean rotatable = true;
        long primary = 7;

        private static void admin(Caller caller) {
            if (!caller.admin()) {
                throw new IdentityException(IdentityError.ADMIN_REQUIRED, "this call needs the admin key");
            }
        }

        @Override
        public MasterKeyStatus status(Caller caller) {
            admin(caller);
            return new MasterKeyStatus("file", primary, List.of(primary), Map.of(primary, 2), rotatable);
        }

        @Override
        public MasterKeyRotation rotate(Caller caller) {
            admin(caller);
            if (!rotatable) {
                throw new IllegalStateException("the master keyset comes from the environment; rotate it there");
            }
            return new MasterKeyRotation(++primary, List.of(primary - 1), 2);
        }
    }

    private final Keyrings keyrings = new Keyrings();
    private final MasterKey masterKey = new MasterKey();
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(
                    new ByokController(List::of, keyrings, (caller, provider, label, unsaved) -> List.of(),
                            caller -> new ByokStats(0, Map.of(), 0, 0, 0, 0, 0, 0), keyrings, new ObjectMapper()),
                    new KeyringAdminController(keyrings, masterKey))
            .setControllerAdvice(new RestErrorHandling()).build();

    @Test
    void anAddedKeyIsAnsweredMaskedAndNeverEchoed() throws Exception {
        String body = mvc.perform(post("/api/v1/byok/keys/add")
                        .requestAttr(BearerAuthenticationFilter.CALLER, Caller.of(ALICE))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"provider\":\"openai\",\"api_key\":\"" + SECRET + "\",\"label\":\"work\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.masked_key").value("sk-…xxxx"))
                .andExpect(jsonPath("$.label").value("work"))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).doesNotContain(SECRET);
        assertThat(keyrings.received).extracting(NewProviderKey::apiKey).containsExactly(SECRET);
    }

    @Test
    void aKeyRequestWithoutItsFieldsIsA400ThatStoresNothing() throws Exception {
        for (String bad : new String[] {"{\"provider\":\"openai\"}", "{\"api_key\":\"sk-1\"}",
                "{\"provider\":\"openai\",\"api_key\":42}", "[]"}) {
            mvc.perform(post("/api/v1/byok/keys/add").requestAttr(BearerAuthenticationFilter.CALLER, Caller.of(ALICE))
                            .contentType(MediaType.APPLICATION_JSON).content(bad))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.error.type").value("invalid_request_error"));
        }
        assertThat(keyrings.received).isEmpty();
    }

    @Test
    void anotherAccountsKeyringCannotBeErasedByAnAccountKey() throws Exception {
        keyrings.keys.put(BOB, new ArrayList<>(List.of(new ProviderKeyView("pk_b", "groq", "default", "gsk_…", "fp",
                Optional.empty(), Instant.EPOCH, Optional.empty(), false))));
        mvc.perform(delete("/api/v1/admin/accounts/" + BOB.value() + "/keyring")
                        .requestAttr(BearerAuthenticationFilter.CALLER, Caller.of(ALICE)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error.code").value("key_not_found"));
        assertThat(keyrings.keys).containsKey(BOB);

        mvc.perform(delete("/api/v1/admin/accounts/" + BOB.value() + "/keyring")
                        .requestAttr(BearerAuthenticationFilter.CALLER, Caller.administrator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.erased").value(1));
        assertThat(keyrings.keys).doesNotContainKey(BOB);
    }

    @Test
    void theCallersOwnKeyringIsErasedAndListed() throws Exception {
        keyrings.keys.put(ALICE, new ArrayList<>(List.of(new ProviderKeyView("pk_a", "openai", "default", "sk-…",
                "fp", Optional.empty(), Instant.EPOCH, Optional.empty(), true))));
        mvc.perform(get("/api/v1/byok/keys").requestAttr(BearerAuthenticationFilter.CALLER, Caller.of(ALICE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.keys[0].id").value("pk_a"))
                .andExpect(jsonPath("$.keys[0].needs_test").value(true));
        mvc.perform(delete("/api/v1/byok/keys").requestAttr(BearerAuthenticationFilter.CALLER, Caller.of(ALICE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.erased").value(1));
        mvc.perform(delete("/api/v1/byok/keys/openai").requestAttr(BearerAuthenticationFilter.CALLER, Caller.of(ALICE)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.error.code").value("key_not_found"));
    }

    @Test
    void theMasterKeyIsTheAdministratorsAndAnUnrotatableOneIsAConflict() throws Exception {
        mvc.perform(get("/api/v1/admin/master-key").requestAttr(BearerAuthenticationFilter.CALLER, Caller.of(ALICE)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.error.code").value("permission_denied"));
        mvc.perform(get("/api/v1/admin/master-key")
                        .requestAttr(BearerAuthenticationFilter.CALLER, Caller.administrator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.primary_version").value(7))
                .andExpect(jsonPath("$.data_keys_by_version.7").value(2));
        mvc.perform(post("/api/v1/admin/master-key/rotate")
                        .requestAttr(BearerAuthenticationFilter.CALLER, Caller.administrator()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.primary_version").value(8))
                .andExpect(jsonPath("$.retired_versions[0]").value(7));
        masterKey.rotatable = false;
        mvc.perform(post("/api/v1/admin/master-key/rotate")
                        .requestAttr(BearerAuthenticationFilter.CALLER, Caller.administrator()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.error.code").value("master_key_not_rotatable"));
        assertThat(masterKey.primary).isEqualTo(8);
    }
}

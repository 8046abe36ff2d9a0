package dev.switchgear.application.service.completion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.application.fakes.AlwaysHealthy;
import dev.switchgear.application.fakes.InMemoryCreditAccountCommands;
import dev.switchgear.application.fakes.TestCatalogs;
import dev.switchgear.domain.routing.Catalog;
import dev.switchgear.domain.shared.PowerLevel;
import dev.switchgear.domain.credit.api.ChoosePowerLevel;
import dev.switchgear.application.fakes.InMemoryCreditAccountJournal;
import dev.switchgear.application.fakes.ScriptedCompletionProvider;
import dev.switchgear.application.port.in.completion.ChatCompletion;
import dev.switchgear.application.port.in.completion.ChatRequest;
import dev.switchgear.application.port.in.completion.CompletionError;
import dev.switchgear.application.port.in.completion.CompletionException;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.completion.UpstreamException;
import dev.switchgear.application.port.out.completion.UpstreamReply;
import dev.switchgear.application.port.out.keyring.KeyUnavailableException;
import dev.switchgear.application.port.out.keyring.KeyVault;
import dev.switchgear.application.port.out.keyring.MasterKeyRotation;
import dev.switchgear.application.port.out.keyring.MasterKeyStatus;
import dev.switchgear.application.port.out.keyring.StoredProviderKey;
import dev.switchgear.application.service.credit.CreditLedger;
import dev.switchgear.application.service.keyring.ByokKeys;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.credit.api.GrantCredits;
import dev.switchgear.domain.credit.api.OpenAccount;
import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.keyring.api.ProviderKeyId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.ModelPrice;
import dev.switchgear.domain.shared.TokenUsage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Completions on the caller's own provider key: which key goes upstream, and what is charged. */
class CompletionServiceByokTest {

    private static final ModelPrice PRICE = new ModelPrice(150_000, 600_000);
    private static final String OWN_KEY = "sk-own-key-of-the-caller-0123456789";
    private static final byte[] BODY = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    private final Clock clock = Clock.systemUTC();
    private final InMemoryCreditAccountJournal journal = new InMemoryCreditAccountJournal();
    private final InMemoryCreditAccountCommands commands = new InMemoryCreditAccountCommands(journal);
    private final CreditLedger ledger = new CreditLedger(journal, commands, clock, 100);
    private final ScriptedCompletionProvider platform = new ScriptedCompletionProvider("platformed",
            call -> new UpstreamReply("{}".getBytes(StandardCharsets.UTF_8), new TokenUsage(1000, 1000), false));
    private final ScriptedCompletionProvider keyless = new ScriptedCompletionProvider("byok-only",
            call -> new UpstreamReply("{}".getBytes(StandardCharsets.UTF_8), new TokenUsage(1000, 1000), false)) {
        @Override
        public boolean hasPlatformCredential() {
            return false;
        }
    };
    private final Catalog catalog = TestCatalogs.of(
            TestCatalogs.model("platformed", "platformed", "p-v1", PRICE.inputPer1kTokens(), PRICE.outputPer1kTokens(), 100),
            TestCatalogs.model("byok-only", "byok-only", "b-v1", PRICE.inputPer1kTokens(), PRICE.outputPer1kTokens(), 100));
    private final List<StoredProviderKey> stored = new ArrayList<>();
    private final Set<ProviderKeyId> shredded = new HashSet<>();
    /** Seals by reversing the text; enough to show the service opens each key per call. */
    private final KeyVault vault = new KeyVault() {
        @Override
        public byte[] seal(AccountId account, String provider, ProviderKeyId keyId, String plaintext) {
            return new StringBuilder(plaintext).reverse().toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String open(AccountId account, String provider, ProviderKeyId keyId, byte[] ciphertext) {
            if (shredded.contains(keyId)) {
                throw new KeyUnavailableException("shredded");
            }
            return new StringBuilder(new String(ciphertext, StandardCharsets.UTF_8)).reverse().toString();
        }

        @Override
        public void forget(AccountId account, byte[] ciphertext) {
        }

        @Override
        public void shred(AccountId account) {
        }

        @Override
        public MasterKeyRotation rotateMasterKey() {
            throw new UnsupportedOperationException();
        }

        @Override
        public MasterKeyStatus masterKeyStatus() {
            throw new UnsupportedOperationException();
        }
    };
    private final ByokKeys keys = new ByokKeys(owner -> stored.stream().filter(k -> k.accountId().equals(owner)).toList(), vault);
    private AccountId account;

    @BeforeEach
    void openAccount() {
        account = AccountId.of(UUID.randomUUID());
        commands.send(new OpenAccount(account, "t", Tier.STARTER, clock.instant()));
        ledger.changes().execute(account, new GrantCredits(account, MicroCredits.of(10_000_000), "seed", clock.instant()));
        ledger.changes().execute(account, new ChoosePowerLevel(account, PowerLevel.PRECISION, clock.instant()));
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    private final AlwaysHealthy health = new AlwaysHealthy();

    private CompletionService service(int feeBasisPoints) {
        return new CompletionService(() -> catalog, List.of(platform, keyless), health, ledger.admission(),
                ledger.settlement(), UUID::randomUUID,
                new CompletionService.Settings(true, Duration.ofSeconds(5), feeBasisPoints), keys);
    }

    private ModelListing listing() {
        return new ModelListing(() -> catalog, List.of(platform, keyless), ledger.standings(), keys);
    }

    private void storeKey(String provider, ProviderKeyId id) {
        stored.add(new StoredProviderKey(account, id, provider, "default", vault.seal(account, provider, id, OWN_KEY),
                "fp", "sk-…6789", null, Instant.now(), Optional.empty()));
        keys.invalidate(account);
    }

    private ChatRequest request(String model, boolean preferByok) {
        return new ChatRequest(model, Optional.empty(), Optional.empty(), BODY, false, preferByok);
    }

    private long balance() {
        return ledger.standings().summary(account).orElseThrow().balance().value();
    }

    @Test
    void anOwnKeyGoesUpstreamAndNothingIsChargedByDefault() {
        storeKey("platformed", new ProviderKeyId("pk_key00001"));
        ChatCompletion completion = service(0).complete(Caller.of(account), request("platformed", true));

        assertThat(platform.calls()).last().satisfies(call -> assertThat(call.credential().apiKey()).isEqualTo(OWN_KEY));
        assertThat(completion.charged()).isEqualTo(MicroCredits.ZERO);
        assertThat(balance()).isEqualTo(10_000_000);
        assertThat(journal.payloads(account)).last().isInstanceOfSatisfying(UsageCharged.class, e -> {
            assertThat(e.byok()).isTrue();
            assertThat(e.inputTokens()).isEqualTo(1000);
            assertThat(e.cost()).isEqualTo(MicroCredits.ZERO);
        });
    }

    @Test
    void theConfiguredFeeIsItsShareOfTheModelsPrice() {
        storeKey("platformed", new ProviderKeyId("pk_key00001"));
        ChatCompletion completion = service(250).complete(Caller.of(account), request("platformed", true));

        // 2.5% of (1000 × 150,000 + 1000 × 600,000) / 1000 = 2.5% of 750,000 µc
        assertThat(completion.charged()).isEqualTo(MicroCredits.of(18_750));
        assertThat(balance()).isEqualTo(10_000_000 - 18_750);
    }

    @Test
    void preferringThePlatformKeyOrHavingNoOwnKeyUsesThePlatformAtListPrice() {
        storeKey("platformed", new ProviderKeyId("pk_key00001"));
        ChatCompletion completion = service(0).complete(Caller.of(account), request("platformed", false));
        assertThat(platform.calls()).last().satisfies(call -> assertThat(call.credential()).isNull());
        // the list price (750,000) with the Starter tier's 40 % markup; calls on own keys carry none
        assertThat(completion.charged()).isEqualTo(MicroCredits.of(1_050_000));
    }

    @Test
    void aProviderWithoutPlatformKeyNeedsTheCallersOwnAndAShreddedKeyIsAbsent() {
        assertThatThrownBy(() -> service(0).complete(Caller.of(account), request("byok-only", true)))
                .isInstanceOfSatisfying(CompletionException.class,
                        e -> assertThat(e.code()).isEqualTo(CompletionError.OWN_KEY_REQUIRED));
        ProviderKeyId id = new ProviderKeyId("pk_key00002");
        storeKey("byok-only", id);
        assertThat(service(0).complete(Caller.of(account), request("byok-only", true)).charged())
                .isEqualTo(MicroCredits.ZERO);
        shredded.add(id);
        assertThatThrownBy(() -> service(0).complete(Caller.of(account), request("byok-only", true)))
                .isInstanceOfSatisfying(CompletionException.class,
                        e -> assertThat(e.code()).isEqualTo(CompletionError.OWN_KEY_REQUIRED));
        assertThat(listing().models(Caller.of(account))).extracting(m -> m.id()).contains("byok-only");
        assertThat(listing().models(Caller.of(AccountId.of(UUID.randomUUID())))).extracting(m -> m.id())
                .containsExactly("platformed");
    }

    @Test
    void anUpstreamMessageQuotingTheOwnKeyIsScrubbedAndTheHoldReleased() {
        storeKey("platformed", new ProviderKeyId("pk_key00001"));
        platform.answerWith(call -> {
            throw new UpstreamException(UpstreamException.Kind.REJECTED, 400, "bad key " + OWN_KEY, Optional.empty());
        });
        assertThatThrownBy(() -> service(0).complete(Caller.of(account), request("platformed", true)))
                .isInstanceOf(CompletionException.class)
                .hasMessageNotContaining(OWN_KEY)
                .hasMessageContaining("[redacted]");
        assertThat(ledger.standings().summary(account).orElseThrow().reserved()).isEqualTo(MicroCredits.ZERO);
        assertThat(health.failures).as("a rejected request says nothing about the provider's health").isEmpty();
    }

    @Test
    void aCallersOwnKeyBeingRefusedOrLimitedNeverCountsAgainstTheProvider() {
        storeKey("platformed", new ProviderKeyId("pk_key00001"));
        platform.answerWith(call -> {
            throw new UpstreamException(UpstreamException.Kind.RATE_LIMITED, 429, "your quota", Optional.empty());
        });
        assertThatThrownBy(() -> service(0).complete(Caller.of(account), request("platformed", true)))
                .isInstanceOf(CompletionException.class);
        assertThat(health.failures).isEmpty();
        platform.answerWith(call -> {
            throw new UpstreamException(UpstreamException.Kind.UNAVAILABLE, 503, "down", Optional.empty());
        });
        assertThatThrownBy(() -> service(0).complete(Caller.of(account), request("platformed", true)))
                .isInstanceOf(CompletionException.class);
        assertThat(health.failures).containsExactly("platformed:UNAVAILABLE");
    }
}

package dev.switchgear.application.service.keyring;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityError;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.application.port.in.keyring.ByokProvider;
import dev.switchgear.application.port.in.keyring.ByokStats;
import dev.switchgear.application.port.in.keyring.KeyTestResult;
import dev.switchgear.application.port.in.keyring.ManageProviderKeysUseCase;
import dev.switchgear.application.port.in.keyring.NewProviderKey;
import dev.switchgear.application.port.in.keyring.ProviderKeyView;
import dev.switchgear.application.port.in.keyring.RotateMasterKeyUseCase;
import dev.switchgear.application.port.out.keyring.EgressGuard;
import dev.switchgear.application.port.out.keyring.KeyUnavailableException;
import dev.switchgear.application.port.out.keyring.KeyVault;
import dev.switchgear.application.port.out.keyring.MasterKeyRotation;
import dev.switchgear.application.port.out.keyring.MasterKeyStatus;
import dev.switchgear.application.port.out.keyring.ProviderKeyReadModel;
import dev.switchgear.application.port.out.keyring.ProviderKeyVerifier;
import dev.switchgear.application.port.out.keyring.ProviderKeyringCommands;
import dev.switchgear.application.port.out.keyring.StoredProviderKey;
import dev.switchgear.application.port.out.usage.UsageReadModel;
import dev.switchgear.application.port.out.usage.UsageTotals;
import dev.switchgear.application.port.in.credit.AccountStandings;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.keyring.KeyringError;
import dev.switchgear.domain.keyring.KeyringException;
import dev.switchgear.domain.keyring.api.AddProviderKey;
import dev.switchgear.domain.keyring.api.EraseKeyring;
import dev.switchgear.domain.keyring.api.ProviderKeyId;
import dev.switchgear.domain.keyring.api.RecordKeyTest;
import dev.switchgear.domain.keyring.api.RemoveProviderKeys;
import dev.switchgear.domain.keyring.api.SealedKey;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * BYOK management: format checks, sealing through the key vault, the keyring aggregate's rules,
 * live tests, erasure by crypto-shredding, and master key rotation. A plaintext key lives only on
 * the stack of the call that received or opened it.
 */
public class ByokService implements ManageProviderKeysUseCase, RotateMasterKeyUseCase {

    /** A key not tested for this long is flagged for a new test. */
    public static final Duration RETEST_AFTER = Duration.ofDays(90);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Set<String> providers;
    private final KeyVault vault;
    private final ProviderKeyringCommands commands;
    private final ProviderKeyReadModel readModel;
    private final ProviderKeyVerifier verifier;
    private final EgressGuard egress;
    private final AccountStandings ledger;
    private final UsageReadModel usage;
    private final ByokKeys keys;
    private final Clock clock;

    /**
     * @param configuredProviders the ids of the providers the gateway is configured for that take a
     *                            key (beyond those of the requirements, which are always offered)
     */
    public ByokService(Set<String> configuredProviders, KeyVault vault, ProviderKeyringCommands commands,
                       ProviderKeyReadModel readModel, ProviderKeyVerifier verifier, EgressGuard egress,
                       AccountStandings ledger, UsageReadModel usage, ByokKeys keys, Clock clock) {
        Set<String> all = new LinkedHashSet<>(List.of("openai", "anthropic", "huggingface", "cohere", "together",
                "perplexity", "groq", ProviderKeyFormats.CUSTOM));
        all.addAll(configuredProviders);
        this.providers = Set.copyOf(all);
        this.vault = vault;
        this.commands = commands;
        this.readModel = readModel;
        this.verifier = verifier;
        this.egress = egress;
        this.ledger = ledger;
        this.usage = usage;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public List<ByokProvider> providers() {
        List<ByokProvider> list = new ArrayList<>();
        Set<String> listed = new LinkedHashSet<>();
        ProviderKeyFormats.known().forEach((id, format) -> {
            if (providers.contains(id)) {
                list.add(describe(id));
                listed.add(id);
            }
        });
        providers.stream().filter(p -> !listed.contains(p)).sorted().forEach(p -> list.add(describe(p)));
        return list;
    }

    private ByokProvider describe(String id) {
        ProviderKeyFormats.Format format = ProviderKeyFormats.of(id);
        boolean custom = ProviderKeyFormats.CUSTOM.equals(id);
        return new ByokProvider(id, format.name(), format.description(), custom || verifier.canVerify(id), custom);
    }

    @Override
    public List<ProviderKeyView> keys(Caller caller) {
        AccountId account = caller.account();
        return readModel.keysOf(account).stream().map(this::view).toList();
    }

    @Override
    public ProviderKeyView add(Caller caller, NewProviderKey key) {
        AccountId account = caller.account();
        String provider = provider(key.provider());
        Tier tier = tierOf(account);
        if (tier == Tier.FREE) {
            throw new KeyringException(KeyringError.TIER_FORBIDS_BYOK,
                    "bring-your-own-key needs the Starter tier or higher; upgrade to add provider keys");
        }
        String apiKey = key.apiKey() == null ? null : key.apiKey().strip();
        ProviderKeyFormats.check(provider, apiKey);
        String baseUrl = null;
        if (ProviderKeyFormats.CUSTOM.equals(provider)) {
            baseUrl = egress.check(key.baseUrl().orElseThrow(() -> new KeyringException(KeyringError.INVALID_KEY,
                    "a custom endpoint needs its base_url"))).toString();
        } else if (key.baseUrl().isPresent()) {
            throw new KeyringException(KeyringError.INVALID_KEY, "base_url is only for the custom provider");
        }
        ProviderKeyId keyId = new ProviderKeyId("pk_" + randomId());
        SealedKey sealed = new SealedKey(vault.seal(account, provider, keyId, apiKey),
                ProviderKeyFormats.fingerprint(provider, apiKey), ProviderKeyFormats.mask(provider, apiKey));
        List<StoredProviderKey> before = readModel.keysOf(account);
        try {
            commands.send(new AddProviderKey(account, keyId, provider, key.label().orElse(null), sealed, baseUrl, tier,
                    clock.instant()));
        } catch (RuntimeException refused) {
            vault.forget(account, sealed.ciphertext());
            throw refused;
        } finally {
            keys.invalidate(account);
        }
        forgetGone(account, before);
        return readModel.keysOf(account).stream().filter(k -> k.keyId().equals(keyId)).findFirst().map(this::view)
                .orElseThrow(() -> new IllegalStateException("the added key is missing from the read model"));
    }

    @Override
    public int remove(Caller caller, String provider, Optional<String> label) {
        AccountId account = caller.account();
        String id = provider(provider);
        long before = readModel.keysOf(account).stream().filter(k -> k.provider().equals(id))
                .filter(k -> label.map(k.label()::equals).orElse(true)).count();
        if (before == 0) {
            throw new KeyringException(KeyringError.KEY_NOT_FOUND, "no key stored for provider " + id
                    + label.map(l -> " with label " + l).orElse(""));
        }
        List<StoredProviderKey> held = readModel.keysOf(account);
        try {
            commands.send(new RemoveProviderKeys(account, id, label.orElse(null), clock.instant()));
        } finally {
            keys.invalidate(account);
        }
        forgetGone(account, held);
        return (int) before;
    }

    @Override
    public List<KeyTestResult> test(Caller caller, String provider, Optional<String> label,
                                    Optional<String> unsavedKey) {
        AccountId account = caller.account();
        String id = provider(provider);
        if (unsavedKey.isPresent()) {
            if (ProviderKeyFormats.CUSTOM.equals(id)) {
                throw new KeyringException(KeyringError.INVALID_KEY,
                        "a custom endpoint is tested once it is stored, with its base_url");
            }
            String apiKey = unsavedKey.get().strip();
            ProviderKeyFormats.check(id, apiKey);
            ProviderKeyVerifier.KeyCheck check = verifier.verify(id, apiKey, Optional.empty());
            return List.of(new KeyTestResult(Optional.empty(), id, Optional.empty(), check.status().code(),
                    check.latencyMillis(), check.detail(), clock.instant()));
        }
        List<StoredProviderKey> stored = readModel.keysOf(account).stream().filter(k -> k.provider().equals(id))
                .filter(k -> label.map(k.label()::equals).orElse(true)).toList();
        if (stored.isEmpty()) {
            throw new KeyringException(KeyringError.KEY_NOT_FOUND, "no key stored for provider " + id
                    + label.map(l -> " with label " + l).orElse(""));
        }
        List<KeyTestResult> results = new ArrayList<>();
        try {
            for (StoredProviderKey key : stored) {
                String plaintext;
                try {
                    plaintext = vault.open(account, id, key.keyId(), key.ciphertext());
                } catch (KeyUnavailableException shredded) {
                    continue;
                }
                ProviderKeyVerifier.KeyCheck check = verifier.verify(id, plaintext,
                        Optional.ofNullable(key.baseUrl()).map(URI::create));
                Instant at = clock.instant();
                commands.send(new RecordKeyTest(account, key.keyId(), check.status(), check.latencyMillis(),
                        check.detail(), at));
                results.add(new KeyTestResult(Optional.of(key.keyId().value()), id, Optional.of(key.label()),
                        check.status().code(), check.latencyMillis(), check.detail(), at));
            }
        } finally {
            keys.invalidate(account);
        }
        return results;
    }

    @Override
    public ByokStats stats(Caller caller) {
        AccountId account = caller.account();
        List<ProviderKeyView> views = readModel.keysOf(account).stream().map(this::view).toList();
        Map<String, Integer> byProvider = new TreeMap<>();
        views.forEach(v -> byProvider.merge(v.provider(), 1, Integer::sum));
        int needing = (int) views.stream().filter(ProviderKeyView::needsTest).count();
        int failing = (int) views.stream().filter(v -> v.lastTest().map(t -> !"valid".equals(t.status())).orElse(false))
                .count();
        Instant now = clock.instant();
        UsageTotals byok = usage.totals(account, Instant.EPOCH, now.plusSeconds(1), true);
        UsageTotals platform = usage.totals(account, Instant.EPOCH, now.plusSeconds(1), false);
        return new ByokStats(views.size(), new LinkedHashMap<>(byProvider), needing, failing, byok.requests(),
                byok.inputTokens(), byok.outputTokens(), platform.requests());
    }

    @Override
    public int erase(Caller caller, AccountId account) {
        if (!caller.canSee(account)) {
            throw new KeyringException(KeyringError.KEY_NOT_FOUND, "no such keyring");
        }
        int held = readModel.keysOf(account).size();
        try {
            commands.send(new EraseKeyring(account, clock.instant()));
        } catch (KeyringException notFound) {
            if (notFound.code() != KeyringError.KEY_NOT_FOUND) {
                throw notFound;
            }
        } finally {
            vault.shred(account);
            keys.invalidate(account);
        }
        return held;
    }

    @Override
    public MasterKeyStatus status(Caller caller) {
        requireAdmin(caller);
        return vault.masterKeyStatus();
    }

    @Override
    public MasterKeyRotation rotate(Caller caller) {
        requireAdmin(caller);
        return vault.rotateMasterKey();
    }

    /** Destroys the data key of every key that was held before a change and is gone after it. */
    private void forgetGone(AccountId account, List<StoredProviderKey> before) {
        Set<ProviderKeyId> still = new java.util.HashSet<>();
        readModel.keysOf(account).forEach(k -> still.add(k.keyId()));
        before.stream().filter(k -> !still.contains(k.keyId())).forEach(k -> vault.forget(account, k.ciphertext()));
    }

    private ProviderKeyView view(StoredProviderKey key) {
        Instant now = clock.instant();
        Optional<KeyTestResult> last = key.lastTest().map(t -> new KeyTestResult(Optional.of(key.keyId().value()),
                key.provider(), Optional.of(key.label()), t.status().code(), t.latencyMillis(), t.detail(),
                t.testedAt()));
        boolean needsTest = key.lastTest().map(t -> t.testedAt().plus(RETEST_AFTER).isBefore(now)).orElse(true);
        return new ProviderKeyView(key.keyId().value(), key.provider(), key.label(), key.maskedPreview(),
                key.fingerprint(), Optional.ofNullable(key.baseUrl()), key.addedAt(), last, needsTest);
    }

    private String provider(String provider) {
        String id = provider == null ? "" : provider.strip().toLowerCase(java.util.Locale.ROOT);
        if (!providers.contains(id)) {
            throw new KeyringException(KeyringError.INVALID_KEY,
                    "unknown provider; GET /api/v1/byok/providers lists the providers a key can be stored for");
        }
        return id;
    }

    private Tier tierOf(AccountId account) {
        return ledger.summary(account).map(s -> s.tier())
                .orElseThrow(() -> new CreditException(CreditError.ACCOUNT_NOT_FOUND, "account not found"));
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.admin()) {
            throw new IdentityException(IdentityError.ADMIN_REQUIRED, "this call needs the admin key");
        }
    }

    private static String randomId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

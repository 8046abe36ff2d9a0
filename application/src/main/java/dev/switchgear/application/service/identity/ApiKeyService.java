package dev.switchgear.application.service.identity;

import dev.switchgear.application.port.in.identity.AuthenticateUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityError;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.application.port.in.identity.IssueApiKeyUseCase;
import dev.switchgear.application.port.out.identity.AdminCredentialStore;
import dev.switchgear.application.port.out.identity.ApiKeyStore;
import dev.switchgear.application.port.in.credit.AccountStandings;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.shared.AccountId;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Authenticates bearer keys (the admin key and account keys) and issues account keys.
 *
 * <p>The admin key comes from configuration, or is generated at first start and shown once; only
 * its hash is stored. Account keys look like {@code sg-<43 url-safe characters>}; known hashes are
 * cached, so authenticating a live key costs one SHA-256 and one map probe.
 */
public class ApiKeyService implements AuthenticateUseCase, IssueApiKeyUseCase {

    static final String ACCOUNT_KEY_PREFIX = "sg-";
    static final String ADMIN_KEY_PREFIX = "sg-admin-";
    private static final int SHOWN_PREFIX_LENGTH = 7;

    private final ApiKeyStore keys;
    private final AdminCredentialStore admin;
    private final AccountStandings ledger;
    private final Clock clock;
    private final Supplier<UUID> ids;
    private final ConcurrentHashMap<String, AccountId> knownKeys = new ConcurrentHashMap<>();
    private volatile String adminHash;

    public ApiKeyService(ApiKeyStore keys, AdminCredentialStore admin, AccountStandings ledger, Clock clock,
                         Supplier<UUID> ids) {
        this.keys = keys;
        this.admin = admin;
        this.ledger = ledger;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Sets up the admin key at start: a configured key replaces the stored hash; without one, a
     * stored hash is kept; with neither, a key is generated and returned so it can be shown once.
     */
    public Optional<String> initialiseAdminKey(Optional<String> configuredKey) {
        Optional<String> configured = configuredKey.map(String::strip).filter(k -> !k.isEmpty());
        if (configured.isPresent()) {
            if (configured.get().length() < 16) {
                throw new IllegalArgumentException("the configured admin key must have at least 16 characters");
            }
            adminHash = KeyHashing.sha256(configured.get());
            admin.saveAdminKeyHash(adminHash);
            return Optional.empty();
        }
        Optional<String> stored = admin.adminKeyHash();
        if (stored.isPresent()) {
            adminHash = stored.get();
            return Optional.empty();
        }
        String generated = KeyHashing.newKey(ADMIN_KEY_PREFIX);
        adminHash = KeyHashing.sha256(generated);
        admin.saveAdminKeyHash(adminHash);
        return Optional.of(generated);
    }

    @Override
    public Optional<Caller> authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.isEmpty() || bearerToken.length() > 256) {
            return Optional.empty();
        }
        String hash = KeyHashing.sha256(bearerToken);
        String currentAdmin = adminHash;
        if (currentAdmin != null && KeyHashing.sameHash(hash, currentAdmin)) {
            return Optional.of(Caller.administrator());
        }
        if (!bearerToken.startsWith(ACCOUNT_KEY_PREFIX)) {
            return Optional.empty();
        }
        AccountId known = knownKeys.get(hash);
        if (known != null) {
            return Optional.of(Caller.of(known));
        }
        Optional<AccountId> stored = keys.findAccountByHash(hash);
        stored.ifPresent(accountId -> knownKeys.put(hash, accountId));
        return stored.map(Caller::of);
    }

    @Override
    public IssuedApiKey issue(Caller caller, AccountId accountId) {
        if (!caller.admin()) {
            throw new IdentityException(IdentityError.ADMIN_REQUIRED, "this call needs the admin key");
        }
        if (ledger.summary(accountId).isEmpty()) {
            throw new CreditException(CreditError.ACCOUNT_NOT_FOUND, "account not found");
        }
        String key = KeyHashing.newKey(ACCOUNT_KEY_PREFIX);
        String keyId = ids.get().toString();
        String prefix = key.substring(0, SHOWN_PREFIX_LENGTH);
        keys.save(keyId, KeyHashing.sha256(key), prefix, accountId, clock.instant());
        return new IssuedApiKey(keyId, key, prefix);
    }
}

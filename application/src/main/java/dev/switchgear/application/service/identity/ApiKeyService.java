package dev.switchgear.application.service.identity;

import dev.switchgear.application.port.in.identity.AuthenticateUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.identity.AdminCredentialStore;
import dev.switchgear.application.port.out.identity.StoredApiKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Authenticates bearer keys: the admin key and account keys.
 *
 * <p>The admin key comes from configuration, or is generated at first start and shown once; only
 * its hash is stored. Account keys look like {@code sg-<43 url-safe characters>} and are found by
 * their SHA-256 hash through {@link KnownKeys} (bounded caches of hits and misses, so neither a live
 * key nor a repeated unknown one costs a query each time); a key's expiry is checked against the
 * clock on every call, and its use is recorded in memory ({@link LastUseRecorder}).
 */
public class ApiKeyService implements AuthenticateUseCase {

    static final String ACCOUNT_KEY_PREFIX = "sg-";
    static final String ADMIN_KEY_PREFIX = "sg-admin-";

    private final KnownKeys keys;
    private final AdminCredentialStore admin;
    private final LastUseRecorder lastUse;
    private final Clock clock;
    private volatile String adminHash;

    public ApiKeyService(KnownKeys keys, AdminCredentialStore admin, LastUseRecorder lastUse, Clock clock) {
        this.keys = keys;
        this.admin = admin;
        this.lastUse = lastUse;
        this.clock = clock;
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
        Optional<StoredApiKey> key = keys.lookup(hash);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (key.get().expiredAt(now)) {
            return Optional.empty();
        }
        lastUse.record(key.get().keyId(), now);
        return Optional.of(Caller.withKey(key.get().accountId(), key.get().keyId()));
    }
}

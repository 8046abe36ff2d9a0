package dev.switchgear.application.service.identity;

import dev.switchgear.application.port.in.credit.AccountChanges;
import dev.switchgear.application.port.in.credit.AccountStandings;
import dev.switchgear.application.port.in.identity.IssueApiKeyUseCase;
import dev.switchgear.application.port.in.identity.ManageApiKeysUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityError;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.application.port.out.identity.ApiKeyStore;
import dev.switchgear.application.port.out.identity.StoredApiKey;
import dev.switchgear.domain.credit.CreditError;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.credit.api.IssueApiKey;
import dev.switchgear.domain.credit.api.RevokeApiKey;
import dev.switchgear.domain.shared.AccountId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * An account's gateway API keys as events of the account (ADR 0016): issuing sends
 * {@link IssueApiKey} (the key's hash and shown prefix, never the key) and revoking
 * {@link RevokeApiKey} through the ledger's {@link AccountChanges}; the read model behind
 * {@link ApiKeyStore} is written in the same transaction, so a key works the moment it is returned
 * and a revoked one is refused at once here ({@link KnownKeys#revoked}).
 *
 * <p>Keys issued before keys were events exist only as rows. Revoking one first records its issue
 * (with the row's id, prefix, hash and time), then its revocation, so the account's history and the
 * audit log see both.
 */
public class AccountKeysService implements IssueApiKeyUseCase, ManageApiKeysUseCase {

    private static final int SHOWN_PREFIX_LENGTH = 7;
    private static final Duration LONGEST_LIFE = Duration.ofDays(NewApiKey.MAX_DAYS);

    private final ApiKeyStore store;
    private final KnownKeys known;
    private final LastUseRecorder lastUse;
    private final AccountStandings standings;
    private final AccountChanges changes;
    private final Clock clock;
    private final Supplier<UUID> ids;

    public AccountKeysService(ApiKeyStore store, KnownKeys known, LastUseRecorder lastUse, AccountStandings standings,
                              AccountChanges changes, Clock clock, Supplier<UUID> ids) {
        this.store = store;
        this.known = known;
        this.lastUse = lastUse;
        this.standings = standings;
        this.changes = changes;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public IssuedApiKey issue(Caller caller, AccountId accountId) {
        if (!caller.admin()) {
            throw new IdentityException(IdentityError.ADMIN_REQUIRED, "this call needs the admin key");
        }
        return create(caller, accountId, NewApiKey.unnamed());
    }

    @Override
    public IssuedApiKey create(Caller caller, AccountId accountId, NewApiKey request) {
        visible(caller, accountId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant expiresAt = request.expiresInDays() != null
                ? now.plus(Duration.ofDays(request.expiresInDays())) : request.expiresAt();
        if (expiresAt != null && expiresAt.isAfter(now.plus(LONGEST_LIFE))) {
            throw new CreditException(CreditError.INVALID_API_KEY,
                    "an API key expires at most " + NewApiKey.MAX_DAYS + " days from now");
        }
        String key = KeyHashing.newKey(ApiKeyService.ACCOUNT_KEY_PREFIX);
        String keyId = ids.get().toString();
        String prefix = key.substring(0, SHOWN_PREFIX_LENGTH);
        String hash = KeyHashing.sha256(key);
        changes.execute(accountId, new IssueApiKey(accountId, keyId, request.name(), prefix, hash, expiresAt, now));
        known.issued(hash);
        String name = request.name() == null ? null : request.name().strip();
        return new IssuedApiKey(keyId, key, prefix, name, now, expiresAt);
    }

    @Override
    public List<ApiKeyView> list(Caller caller, AccountId accountId) {
        visible(caller, accountId);
        Instant now = clock.instant();
        return store.listByAccount(accountId).stream().map(key -> new ApiKeyView(key.keyId(), key.name(), key.prefix(),
                key.createdAt(), lastUsed(key), key.expiresAt(), key.expiredAt(now))).toList();
    }

    @Override
    public void revoke(Caller caller, AccountId accountId, String keyId) {
        visible(caller, accountId);
        StoredApiKey key = store.find(accountId, keyId).filter(k -> !k.revoked())
                .orElseThrow(() -> new CreditException(CreditError.API_KEY_NOT_FOUND, "API key not found"));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try {
            changes.execute(accountId, new RevokeApiKey(accountId, keyId, now));
        } catch (CreditException e) {
            // The account has no live key by that id: revoked meanwhile (commands on an account run one
            // at a time and its row is written in the same transaction, so the row says so now), or a
            // row from before keys were events.
            if (e.code() != CreditError.API_KEY_NOT_FOUND
                    || store.find(accountId, keyId).map(StoredApiKey::revoked).orElse(true)) {
                throw e;
            }
            changes.execute(accountId, new IssueApiKey(accountId, keyId, key.name(), key.prefix(), key.keyHash(),
                    key.expiresAt(), key.createdAt()));
            changes.execute(accountId, new RevokeApiKey(accountId, keyId, now));
        }
        known.revoked(key.keyHash());
    }

    private Instant lastUsed(StoredApiKey key) {
        Instant unwritten = lastUse.unwritten(key.keyId()).orElse(null);
        if (unwritten == null) {
            return key.lastUsedAt();
        }
        return key.lastUsedAt() == null || unwritten.isAfter(key.lastUsedAt()) ? unwritten : key.lastUsedAt();
    }

    private void visible(Caller caller, AccountId accountId) {
        if (!caller.canSee(accountId) || standings.summary(accountId).isEmpty()) {
            throw new CreditException(CreditError.ACCOUNT_NOT_FOUND, "account not found");
        }
    }
}

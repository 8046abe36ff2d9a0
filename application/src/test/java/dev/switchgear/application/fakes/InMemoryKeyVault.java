package dev.switchgear.application.fakes;

import dev.switchgear.application.port.out.keyring.KeyUnavailableException;
import dev.switchgear.application.port.out.keyring.KeyVault;
import dev.switchgear.application.port.out.keyring.MasterKeyRotation;
import dev.switchgear.application.port.out.keyring.MasterKeyStatus;
import dev.switchgear.domain.keyring.api.ProviderKeyId;
import dev.switchgear.domain.shared.AccountId;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A key vault in memory: a ciphertext is a random handle (it holds nothing of the key) to an entry
 * bound to its account, provider and key id; forgetting drops one entry, shredding every entry of
 * the account; a rotation moves every keyring to a new master version.
 */
public class InMemoryKeyVault implements KeyVault {

    private static final SecureRandom RANDOM = new SecureRandom();

    private record Entry(AccountId account, String provider, ProviderKeyId keyId, String plaintext) {
    }

    private final Map<ByteBuffer, Entry> entries = new ConcurrentHashMap<>();
    private long primary = 1;

    @Override
    public byte[] seal(AccountId account, String provider, ProviderKeyId keyId, String plaintext) {
        byte[] handle = new byte[24];
        RANDOM.nextBytes(handle);
        entries.put(ByteBuffer.wrap(handle.clone()), new Entry(account, provider, keyId, plaintext));
        return handle;
    }

    @Override
    public String open(AccountId account, String provider, ProviderKeyId keyId, byte[] ciphertext) {
        Entry entry = entries.get(ByteBuffer.wrap(ciphertext));
        if (entry == null || !entry.account().equals(account) || !entry.provider().equals(provider)
                || !entry.keyId().equals(keyId)) {
            throw new KeyUnavailableException("the stored key cannot be opened (erased, or not sealed for this owner)");
        }
        return entry.plaintext();
    }

    @Override
    public void forget(AccountId account, byte[] ciphertext) {
        entries.computeIfPresent(ByteBuffer.wrap(ciphertext), (k, e) -> e.account().equals(account) ? null : e);
    }

    @Override
    public void shred(AccountId account) {
        entries.values().removeIf(e -> e.account().equals(account));
    }

    @Override
    public synchronized MasterKeyRotation rotateMasterKey() {
        long retired = primary;
        primary++;
        return new MasterKeyRotation(primary, List.of(retired), keyrings().size());
    }

    @Override
    public synchronized MasterKeyStatus masterKeyStatus() {
        int keyrings = keyrings().size();
        return new MasterKeyStatus("memory", primary, List.of(primary),
                keyrings == 0 ? Map.of() : Map.of(primary, keyrings), true);
    }

    private Set<AccountId> keyrings() {
        Set<AccountId> accounts = new HashSet<>();
        entries.values().forEach(e -> accounts.add(e.account()));
        return accounts;
    }
}

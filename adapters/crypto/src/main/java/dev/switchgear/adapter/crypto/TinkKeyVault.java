package dev.switchgear.adapter.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import dev.switchgear.application.port.out.keyring.KeyUnavailableException;
import dev.switchgear.application.port.out.keyring.KeyVault;
import dev.switchgear.application.port.out.keyring.MasterKeyRotation;
import dev.switchgear.application.port.out.keyring.MasterKeyStatus;
import dev.switchgear.adapter.crypto.DataKeysetStore.WrappedDataKey;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.keyring.api.ProviderKeyId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Envelope encryption with Tink (ADR 0009). Each account's keyring has a data keyset holding one
 * AES-256-GCM key per stored provider key; the keyset is stored only wrapped by the master keyset,
 * with the account id as associated data. A provider key's ciphertext is bound to (account,
 * provider, key id) as associated data. Forgetting one key deletes its entry from the keyset;
 * shredding a keyring deletes the whole wrapped keyset. The unwrapped data keyset's primitive is
 * held in memory per account so that opening a key costs one AES-GCM decryption; plaintext
 * provider keys are never held.
 */
public final class TinkKeyVault implements KeyVault {

    private static final Logger LOG = LoggerFactory.getLogger(TinkKeyVault.class);
    private static final byte TINK_PREFIX = 0x01;

    private final MasterKeyset master;
    private final DataKeysetStore store;
    private final ConcurrentHashMap<AccountId, Aead> opened = new ConcurrentHashMap<>();

    public TinkKeyVault(MasterKeyset master, DataKeysetStore store) {
        this.master = master;
        this.store = store;
    }

    @Override
    public byte[] seal(AccountId account, String provider, ProviderKeyId keyId, String plaintext) {
        AtomicReference<KeysetHandle> sealing = new AtomicReference<>();
        store.update(account, current -> {
            try {
                KeysetHandle.Builder builder = current.isPresent()
                        ? KeysetHandle.newBuilder(unwrap(account, current.get())) : KeysetHandle.newBuilder();
                KeysetHandle next = builder.addEntry(KeysetHandle.generateEntryFromParametersName(
                        MasterKeyset.TEMPLATE).withRandomId().makePrimary()).build();
                sealing.set(next);
                return wrap(account, next);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("a data key could not be made for the keyring", e);
            }
        });
        opened.remove(account);
        try {
            return primitive(sealing.get()).encrypt(plaintext.getBytes(StandardCharsets.UTF_8),
                    associatedData(account, provider, keyId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the key could not be sealed", e);
        }
    }

    @Override
    public String open(AccountId account, String provider, ProviderKeyId keyId, byte[] ciphertext) {
        Aead aead = opened.computeIfAbsent(account, this::load);
        try {
            return new String(aead.decrypt(ciphertext, associatedData(account, provider, keyId)),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new KeyUnavailableException("the stored key cannot be opened (erased, or not sealed for this owner)");
        }
    }

    @Override
    public void forget(AccountId account, byte[] ciphertext) {
        if (ciphertext.length < 5 || ciphertext[0] != TINK_PREFIX || store.find(account).isEmpty()) {
            return;
        }
        int keyId = ByteBuffer.wrap(ciphertext, 1, 4).getInt();
        store.update(account, current -> {
            if (current.isEmpty()) {
                throw new KeyUnavailableException("the keyring was erased meanwhile");
            }
            try {
                KeysetHandle.Builder builder = KeysetHandle.newBuilder(unwrap(account, current.get()));
                int index = indexOf(builder, unwrap(account, current.get()), keyId);
                if (index < 0) {
                    return current.get();
                }
                if (builder.getAt(index).isPrimary()) {
                    builder.addEntry(KeysetHandle.generateEntryFromParametersName(MasterKeyset.TEMPLATE)
                            .withRandomId().makePrimary());
                }
                builder.deleteAt(index);
                return wrap(account, builder.build());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("a data key could not be destroyed", e);
            }
        });
        opened.remove(account);
    }

    @Override
    public void shred(AccountId account) {
        store.delete(account);
        opened.remove(account);
        LOG.info("keyring data key of account {} destroyed", account);
    }

    @Override
    public synchronized MasterKeyRotation rotateMasterKey() {
        List<Long> before = master.versions();
        long primary = master.addPrimaryVersion();
        int rewrapped = 0;
        for (AccountId account : store.accounts()) {
            store.update(account, current -> {
                if (current.isEmpty()) {
                    throw new KeyUnavailableException("the keyring was erased meanwhile");
                }
                try {
                    return wrap(account, unwrap(account, current.get()));
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("a data key could not be rewrapped", e);
                }
            });
            rewrapped++;
        }
        List<Long> retired = master.retireAllButPrimary();
        LOG.info("master key rotated: version {} is primary, {} retired, {} data keys rewrapped", primary, retired,
                rewrapped);
        return new MasterKeyRotation(primary, retired.isEmpty() ? before : retired, rewrapped);
    }

    @Override
    public MasterKeyStatus masterKeyStatus() {
        return new MasterKeyStatus(master.source(), master.primaryVersion(), master.versions(),
                store.countByMasterKey(), master.rotatable());
    }

    private Aead load(AccountId account) {
        WrappedDataKey wrapped = store.find(account)
                .orElseThrow(() -> new KeyUnavailableException("the keyring has no data key (erased or never made)"));
        try {
            return primitive(unwrap(account, wrapped));
        } catch (GeneralSecurityException e) {
            throw new KeyUnavailableException("the keyring's data key cannot be unwrapped");
        }
    }

    private KeysetHandle unwrap(AccountId account, WrappedDataKey wrapped) throws GeneralSecurityException {
        return TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped.wrapped(), master.aead(), wrapAssociatedData(account));
    }

    private WrappedDataKey wrap(AccountId account, KeysetHandle keyset) throws GeneralSecurityException {
        return new WrappedDataKey(TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, master.aead(),
                wrapAssociatedData(account)), master.primaryVersion());
    }

    private static Aead primitive(KeysetHandle keyset) throws GeneralSecurityException {
        return keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    private static int indexOf(KeysetHandle.Builder builder, KeysetHandle keyset, int keyId) {
        for (int i = 0; i < builder.size(); i++) {
            if (keyset.getAt(i).getId() == keyId) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] associatedData(AccountId account, String provider, ProviderKeyId keyId) {
        return ("switchgear-byok\0" + account.value() + "\0" + provider + "\0" + keyId.value())
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] wrapAssociatedData(AccountId account) {
        return ("switchgear-keyring\0" + account.value()).getBytes(StandardCharsets.UTF_8);
    }

    /** For tests and the benchmark: whether an account's data keyset is held unwrapped in memory. */
    boolean holdsOpen(AccountId account) {
        return opened.containsKey(account);
    }

    static Optional<Integer> tinkKeyIdOf(byte[] ciphertext) {
        return ciphertext.length >= 5 && ciphertext[0] == TINK_PREFIX
                ? Optional.of(ByteBuffer.wrap(ciphertext, 1, 4).getInt()) : Optional.empty();
    }
}

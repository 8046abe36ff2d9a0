package dev.switchgear.adapter.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master keyset (Tink AEAD, AES256_GCM) that wraps every keyring's data keyset. It is read from
 * the environment (then it cannot be rotated here: the new version would have nowhere to go) or from
 * a keyset file, which the embedded default generates at first start beside its data. Versions are
 * Tink key ids; the primary one wraps, every enabled one unwraps.
 */
public final class MasterKeyset {

    private static final Logger LOG = LoggerFactory.getLogger(MasterKeyset.class);
    static final String TEMPLATE = "AES256_GCM";

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Path file;
    private final String source;
    private volatile KeysetHandle handle;
    private volatile Aead aead;

    private MasterKeyset(Path file, String source, KeysetHandle handle) {
        this.file = file;
        this.source = source;
        use(handle);
    }

    /** A keyset given as Tink JSON (for instance from an environment variable); not rotatable. */
    public static MasterKeyset fromJson(String json) {
        try {
            return new MasterKeyset(null, "environment", TinkJsonProtoKeysetFormat.parseKeyset(json,
                    InsecureSecretKeyAccess.get()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the master keyset given in the environment is not a Tink JSON keyset");
        }
    }

    /** The keyset in {@code file}; generated there (owner-only permissions) when the file does not exist. */
    public static MasterKeyset fromFile(Path file) {
        try {
            if (Files.exists(file)) {
                return new MasterKeyset(file, "file", TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file),
                        InsecureSecretKeyAccess.get()));
            }
            KeysetHandle generated = KeysetHandle.newBuilder()
                    .addEntry(KeysetHandle.generateEntryFromParametersName(TEMPLATE).withRandomId().makePrimary())
                    .build();
            write(file, generated);
            LOG.warn("generated a new master keyset at {}. It encrypts every stored provider key: keep it apart from "
                    + "database backups, back it up separately, and in production give it through "
                    + "SWITCHGEAR_MASTER_KEYSET_FILE on a protected volume (or SWITCHGEAR_MASTER_KEYSET)", file);
            return new MasterKeyset(file, "file", generated);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the master keyset file " + file + " is not a Tink JSON keyset");
        } catch (IOException e) {
            throw new UncheckedIOException("the master keyset file " + file + " cannot be read or written", e);
        }
    }

    Aead aead() {
        return aead;
    }

    String source() {
        return source;
    }

    boolean rotatable() {
        return file != null;
    }

    long primaryVersion() {
        return Integer.toUnsignedLong(handle.getPrimary().getId());
    }

    List<Long> versions() {
        List<Long> versions = new ArrayList<>();
        for (int i = 0; i < handle.size(); i++) {
            versions.add(Integer.toUnsignedLong(handle.getAt(i).getId()));
        }
        return versions;
    }

    /** Adds a new version, makes it primary, and stores the keyset before anything is wrapped under it. */
    synchronized long addPrimaryVersion() {
        requireRotatable();
        try {
            KeysetHandle next = KeysetHandle.newBuilder(handle)
                    .addEntry(KeysetHandle.generateEntryFromParametersName(TEMPLATE).withRandomId().makePrimary())
                    .build();
            write(file, next);
            use(next);
            return primaryVersion();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a new master key version could not be made", e);
        } catch (IOException e) {
            throw new UncheckedIOException("the master keyset file could not be written", e);
        }
    }

    /** Deletes every version but the primary; call only once nothing is wrapped under them. */
    synchronized List<Long> retireAllButPrimary() {
        requireRotatable();
        try {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(handle);
            List<Long> retired = new ArrayList<>();
            for (int i = builder.size() - 1; i >= 0; i--) {
                if (!builder.getAt(i).isPrimary()) {
                    retired.add(Integer.toUnsignedLong(handle.getAt(i).getId()));
                    builder.getAt(i).setStatus(KeyStatus.DISABLED);
                    builder.deleteAt(i);
                }
            }
            KeysetHandle next = builder.build();
            write(file, next);
            use(next);
            return retired;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the old master key versions could not be retired", e);
        } catch (IOException e) {
            throw new UncheckedIOException("the master keyset file could not be written", e);
        }
    }

    private void requireRotatable() {
        if (!rotatable()) {
            throw new IllegalStateException("the master keyset comes from the environment; rotate it by giving a "
                    + "keyset file (SWITCHGEAR_MASTER_KEYSET_FILE) instead");
        }
    }

    private void use(KeysetHandle next) {
        try {
            this.aead = next.getPrimitive(RegistryConfiguration.get(), Aead.class);
            this.handle = next;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the master keyset is not an AEAD keyset", e);
        }
    }

    private static void write(Path file, KeysetHandle keyset) throws IOException, GeneralSecurityException {
        String json = TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".master-keyset", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // a non-POSIX file system keeps its default permissions
            }
            Files.writeString(temp, json, StandardCharsets.UTF_8);
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}

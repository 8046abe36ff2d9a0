package dev.switchgear.domain.keyring.api;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A provider key as the keyring keeps it: the ciphertext under the keyring's data key (never the
 * plaintext), a fingerprint that tells two keys apart without revealing either, and the masked
 * preview a user recognises (like {@code sk-…a1b2}).
 */
public record SealedKey(byte[] ciphertext, String fingerprint, String maskedPreview) {

    public SealedKey {
        Objects.requireNonNull(ciphertext, "ciphertext");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(maskedPreview, "maskedPreview");
        ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedKey that && Arrays.equals(ciphertext, that.ciphertext)
                && fingerprint.equals(that.fingerprint) && maskedPreview.equals(that.maskedPreview);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(ciphertext), fingerprint, maskedPreview);
    }

    @Override
    public String toString() {
        return "SealedKey[" + maskedPreview + ", " + fingerprint + ", " + Base64.getEncoder().encodeToString(ciphertext).length()
                + " base64 chars of ciphertext]";
    }
}

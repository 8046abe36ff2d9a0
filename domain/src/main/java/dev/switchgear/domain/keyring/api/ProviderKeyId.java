package dev.switchgear.domain.keyring.api;

import java.util.Objects;
import java.util.regex.Pattern;

/** Identifies one stored provider key; part of the associated data its ciphertext is bound to. */
public record ProviderKeyId(String value) {

    private static final Pattern SHAPE = Pattern.compile("pk_[A-Za-z0-9_-]{8,64}");

    public ProviderKeyId {
        Objects.requireNonNull(value, "value");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("a provider key id looks like pk_ followed by 8 to 64 letters or digits");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}

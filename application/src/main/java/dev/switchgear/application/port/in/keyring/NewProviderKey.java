package dev.switchgear.application.port.in.keyring;

import java.util.Optional;

/** A key a caller wants stored; {@code baseUrl} only for the custom provider. Never printed. */
public record NewProviderKey(String provider, String apiKey, Optional<String> label, Optional<String> baseUrl) {

    @Override
    public String toString() {
        return "NewProviderKey[" + provider + ", " + label.orElse("default") + "]";
    }
}

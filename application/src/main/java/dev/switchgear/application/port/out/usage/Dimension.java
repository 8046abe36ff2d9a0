package dev.switchgear.application.port.out.usage;

/**
 * What usage is broken down by: the provider, the model, the power level, the key source
 * ({@code byok}: the caller's own key, {@code platform}: the platform's), the account's tier at the
 * time of the charge, or the API key: by {@link #API_KEY} the key is the id of the gateway API key
 * that made the request ({@code unknown} for a signed-in user's or the administrator's request and for
 * charges made before the key was recorded; ADR 0024).
 */
public enum Dimension {
    PROVIDER, MODEL, POWER_LEVEL, KEY_SOURCE, TIER, API_KEY
}

package dev.switchgear.application.port.out.usage;

/**
 * What usage is broken down by: the provider, the model, the power level, the key source
 * ({@code byok}: the caller's own key, {@code platform}: the platform's), the account's tier at the
 * time of the charge, or the API key. Charges do not record the API key they were made with, so
 * {@link #API_KEY} is refused (ADR 0024).
 */
public enum Dimension {
    PROVIDER, MODEL, POWER_LEVEL, KEY_SOURCE, TIER, API_KEY
}

package dev.switchgear.application.port.out.audit;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an audit entry records, with its stable dotted name (ADR 0018). Names are permanent: stored
 * entries and clients' filters use them. Usage charges and low-balance alerts are not audited (they
 * are usage, read through the usage and credit history), nor are the bookkeeping events a payment
 * leaves behind (a refund waiting for its purchase, a failed payment: nothing changed).
 */
public enum AuditAction {
    ACCOUNT_OPENED("account.opened"),
    TIER_CHANGED("tier.changed"),
    RATE_LIMITS_SET("rate_limits.set"),
    API_KEY_CREATED("api_key.created"),
    API_KEY_REVOKED("api_key.revoked"),
    CREDITS_GRANTED("credits.granted"),
    CREDITS_PURCHASED("credits.purchased"),
    CREDITS_REFUNDED("credits.refunded"),
    MONTHLY_CAP_SET("monthly_cap.set"),
    LOW_BALANCE_THRESHOLD_SET("low_balance_threshold.set"),
    POWER_LEVEL_CHANGED("power_level.changed"),
    BYOK_PREFERENCE_CHANGED("byok_preference.changed"),
    PROVIDER_KEY_ADDED("provider_key.added"),
    PROVIDER_KEY_REPLACED("provider_key.replaced"),
    PROVIDER_KEY_TESTED("provider_key.tested"),
    PROVIDER_KEY_REMOVED("provider_key.removed"),
    KEYRING_ERASED("keyring.erased"),
    CATALOG_INITIALISED("catalog.initialised"),
    PROVIDER_DEFINED("provider.defined"),
    PROVIDER_REMOVED("provider.removed"),
    MODEL_DEFINED("model.defined"),
    MODEL_REMOVED("model.removed"),
    ROUTING_RULES_SET("routing_rules.set"),
    MASTER_KEY_ROTATED("master_key.rotated"),
    PROJECTION_REBUILT("projection.rebuilt");

    private final String code;

    AuditAction(String code) {
        this.code = code;
    }

    /** The stable dotted name, e.g. {@code provider_key.added}. */
    public String code() {
        return code;
    }

    public static Optional<AuditAction> fromCode(String code) {
        return Arrays.stream(values()).filter(a -> a.code.equals(code)).findFirst();
    }
}

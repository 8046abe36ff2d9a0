package dev.switchgear.domain.credit.api;

import java.util.Locale;

/** Subscription tiers of the requirements, lowest first; the code is what APIs and events carry. */
public enum Tier {
    FREE("free"),
    STARTER("starter"),
    PROFESSIONAL("professional"),
    ENTERPRISE("enterprise");

    private final String code;

    Tier(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Tier fromCode(String code) {
        if (code != null) {
            String wanted = code.trim().toLowerCase(Locale.ROOT);
            for (Tier tier : values()) {
                if (tier.code.equals(wanted)) {
                    return tier;
                }
            }
        }
        throw new IllegalArgumentException("tier must be one of free, starter, professional, enterprise");
    }
}

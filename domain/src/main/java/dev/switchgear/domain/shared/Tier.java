package dev.switchgear.domain.shared;

import java.util.Locale;

/** Subscription tiers of the requirements, lowest first; the code is what APIs and events carry. */
public enum Tier {
    FREE("free", 0),
    STARTER("starter", 4_000),
    PROFESSIONAL("professional", 6_000),
    ENTERPRISE("enterprise", 8_000);

    private final String code;
    private final int markupBasisPoints;

    Tier(String code, int markupBasisPoints) {
        this.code = code;
        this.markupBasisPoints = markupBasisPoints;
    }

    /** The tier's markup on platform-key usage, in basis points: Free 0, Starter +40 %, Professional +60 %, Enterprise +80 %. */
    public int markupBasisPoints() {
        return markupBasisPoints;
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

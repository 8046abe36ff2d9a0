package dev.switchgear.domain.shared;

import java.util.Locale;
import java.util.Optional;

/**
 * The requirements' power levels. Each picks models its own way and scales the price of what it
 * picked by its multiplier (in basis points of the list price): Eco the cheapest model that meets
 * the request (0.1×), Balanced a cost/quality mix (0.25×, the default), Precision the best (1.0×).
 */
public enum PowerLevel {
    ECO("eco", 1_000),
    BALANCED("balanced", 2_500),
    PRECISION("precision", 10_000);

    private final String code;
    private final int multiplierBasisPoints;

    PowerLevel(String code, int multiplierBasisPoints) {
        this.code = code;
        this.multiplierBasisPoints = multiplierBasisPoints;
    }

    public String code() {
        return code;
    }

    public int multiplierBasisPoints() {
        return multiplierBasisPoints;
    }

    public static Optional<PowerLevel> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String wanted = code.strip().toLowerCase(Locale.ROOT);
        for (PowerLevel level : values()) {
            if (level.code.equals(wanted)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}

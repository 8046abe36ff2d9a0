package dev.switchgear.domain.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount of credits in integer micro-credits (one credit is 1,000,000 micro-credits; $1 buys
 * 1,000 credits). Arithmetic never overflows silently: it throws {@link ArithmeticException}.
 * Amounts may be negative only where the ledger says so (a balance after a refund); the factories
 * that take user input insist on a positive amount.
 */
public record MicroCredits(long value) implements Comparable<MicroCredits> {

    public static final MicroCredits ZERO = new MicroCredits(0);
    public static final long PER_CREDIT = 1_000_000L;
    private static final int SCALE = 6;

    public static MicroCredits of(long micros) {
        return new MicroCredits(micros);
    }

    /**
     * Parses a decimal number of credits ("12.5", "0.000001"). More than six decimal places, or a
     * value too large for a long of micro-credits, is refused rather than rounded.
     */
    public static MicroCredits ofCredits(BigDecimal credits) {
        if (credits == null) {
            throw new IllegalArgumentException("credits are required");
        }
        BigDecimal micros = credits.movePointRight(SCALE);
        if (micros.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("credits have at most six decimal places");
        }
        try {
            return new MicroCredits(micros.longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("credits out of range");
        }
    }

    public MicroCredits plus(MicroCredits other) {
        return new MicroCredits(Math.addExact(value, other.value));
    }

    public MicroCredits minus(MicroCredits other) {
        return new MicroCredits(Math.subtractExact(value, other.value));
    }

    public static MicroCredits min(MicroCredits a, MicroCredits b) {
        return a.value <= b.value ? a : b;
    }

    public static MicroCredits max(MicroCredits a, MicroCredits b) {
        return a.value >= b.value ? a : b;
    }

    public boolean isLessThan(MicroCredits other) {
        return value < other.value;
    }

    public boolean isNegative() {
        return value < 0;
    }

    public boolean isPositive() {
        return value > 0;
    }

    public boolean isGreaterThan(MicroCredits other) {
        return value > other.value;
    }

    /** The amount in credits, exactly, with six decimal places. */
    public BigDecimal toCredits() {
        return BigDecimal.valueOf(value, SCALE).setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    @Override
    public int compareTo(MicroCredits other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return toCredits().toPlainString() + " credits";
    }
}

package dev.switchgear.domain.shared;

/**
 * A model's list price in micro-credits per 1,000 tokens, input and output apart.
 *
 * <p>Rounding rule (the only one in the code base): the exact cost is
 * {@code (input × inputPer1k + output × outputPer1k) / 1000 × multiplier × (1 + markup)}
 * micro-credits, the multiplier (the power level's; 10,000 = 1.0×) and the markup (the tier's;
 * 4,000 = +40 %) in basis points; a fractional micro-credit is rounded up, once, on the whole charge. So a charge is never under-billed by rounding, and never
 * over-billed by more than one micro-credit ($0.000000001).
 */
public record ModelPrice(long inputPer1kTokens, long outputPer1kTokens) {

    public static final ModelPrice FREE = new ModelPrice(0, 0);
    /** 1.0×, in basis points. */
    public static final int FULL = 10_000;
    private static final java.math.BigInteger DENOMINATOR = java.math.BigInteger.valueOf(1_000L * FULL * FULL);

    public ModelPrice {
        if (inputPer1kTokens < 0 || outputPer1kTokens < 0) {
            throw new IllegalArgumentException("prices cannot be negative");
        }
    }

    /** The cost at {@code multiplierBasisPoints} of this price (10,000 = the list price), rounded up once. */
    public MicroCredits costOf(TokenUsage usage, int multiplierBasisPoints) {
        return costOf(usage, multiplierBasisPoints, 0);
    }

    /**
     * The cost at {@code multiplierBasisPoints} of this price, plus a markup of
     * {@code markupBasisPoints} (4,000 = +40 %), rounded up once:
     * {@code ceil(Σ tokens × price per 1K × multiplier × (10,000 + markup) / (1,000 × 10,000 × 10,000))}.
     */
    public MicroCredits costOf(TokenUsage usage, int multiplierBasisPoints, int markupBasisPoints) {
        if (multiplierBasisPoints < 0 || markupBasisPoints < 0) {
            throw new IllegalArgumentException("a multiplier or markup cannot be negative");
        }
        if (multiplierBasisPoints == FULL && markupBasisPoints == 0) {
            return costOf(usage);
        }
        java.math.BigInteger numerator = java.math.BigInteger.valueOf(usage.inputTokens())
                .multiply(java.math.BigInteger.valueOf(inputPer1kTokens))
                .add(java.math.BigInteger.valueOf(usage.outputTokens())
                        .multiply(java.math.BigInteger.valueOf(outputPer1kTokens)))
                .multiply(java.math.BigInteger.valueOf(multiplierBasisPoints))
                .multiply(java.math.BigInteger.valueOf(FULL + (long) markupBasisPoints));
        java.math.BigInteger[] quotient = numerator.divideAndRemainder(DENOMINATOR);
        java.math.BigInteger cost = quotient[1].signum() > 0 ? quotient[0].add(java.math.BigInteger.ONE) : quotient[0];
        return MicroCredits.of(cost.longValueExact());
    }

    /** The cost at the list price, rounded up once. */
    public MicroCredits costOf(TokenUsage usage) {
        long numerator = Math.addExact(
                Math.multiplyExact(usage.inputTokens(), inputPer1kTokens),
                Math.multiplyExact(usage.outputTokens(), outputPer1kTokens));
        return MicroCredits.of(-Math.floorDiv(-numerator, 1000L));
    }
}

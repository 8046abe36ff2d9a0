package dev.switchgear.domain.shared;

/**
 * A model's list price in micro-credits per 1,000 tokens, input and output apart.
 *
 * <p>Rounding rule (the only one in the code base): the exact cost is
 * {@code (input × inputPer1k + output × outputPer1k) / 1000} micro-credits; a fractional
 * micro-credit is rounded up, once, on the whole charge. So a charge is never under-billed by
 * rounding, and never over-billed by more than one micro-credit ($0.000000001).
 */
public record ModelPrice(long inputPer1kTokens, long outputPer1kTokens) {

    public static final ModelPrice FREE = new ModelPrice(0, 0);

    public ModelPrice {
        if (inputPer1kTokens < 0 || outputPer1kTokens < 0) {
            throw new IllegalArgumentException("prices cannot be negative");
        }
    }

    public MicroCredits costOf(TokenUsage usage) {
        long numerator = Math.addExact(
                Math.multiplyExact(usage.inputTokens(), inputPer1kTokens),
                Math.multiplyExact(usage.outputTokens(), outputPer1kTokens));
        return MicroCredits.of(-Math.floorDiv(-numerator, 1000L));
    }
}

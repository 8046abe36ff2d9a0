package dev.switchgear.domain.shared;

import java.math.BigInteger;

/**
 * A model's list price in micro-credits per 1,000 tokens: input and output, and the rates of the
 * parts of a {@link TokenUsage} — input read from the provider's prompt cache
 * ({@code cachedInputPer1kTokens}), input written to it for 5 minutes or 1 hour
 * ({@code cacheWrite5mPer1kTokens}, {@code cacheWrite1hPer1kTokens}) and reasoning output
 * ({@code reasoningPer1kTokens}). A price made from input and output alone charges the parts at
 * those two rates, as every price did before the parts were known (ADR 0023).
 *
 * <p>Rounding rule (the only one in the code base): the exact cost is
 * {@code Σ(tokens of a bucket × its rate per 1K) / 1000 × multiplier × (1 + markup)} micro-credits,
 * over the usage's six disjoint buckets, the multiplier (the power level's; 10,000 = 1.0×) and the
 * markup (the tier's; 4,000 = +40 %) in basis points; a fractional micro-credit is rounded up, once,
 * on the whole charge. So a charge is never under-billed by rounding, and never over-billed by more
 * than one micro-credit ($0.000000001).
 */
public record ModelPrice(long inputPer1kTokens, long outputPer1kTokens, long cachedInputPer1kTokens,
                         long cacheWrite5mPer1kTokens, long cacheWrite1hPer1kTokens, long reasoningPer1kTokens) {

    public static final ModelPrice FREE = new ModelPrice(0, 0);
    /** 1.0×, in basis points. */
    public static final int FULL = 10_000;
    private static final BigInteger DENOMINATOR = BigInteger.valueOf(1_000L * FULL * FULL);

    public ModelPrice {
        if (inputPer1kTokens < 0 || outputPer1kTokens < 0 || cachedInputPer1kTokens < 0
                || cacheWrite5mPer1kTokens < 0 || cacheWrite1hPer1kTokens < 0 || reasoningPer1kTokens < 0) {
            throw new IllegalArgumentException("prices cannot be negative");
        }
    }

    /** Input and output rates only: cache reads and writes at the input rate, reasoning at the output rate. */
    public ModelPrice(long inputPer1kTokens, long outputPer1kTokens) {
        this(inputPer1kTokens, outputPer1kTokens, inputPer1kTokens, inputPer1kTokens, inputPer1kTokens,
                outputPer1kTokens);
    }

    /**
     * The price that bounds every charge of this one for the same totals: each input token at the
     * highest input-side rate and each output token at the highest output-side rate. Admission
     * holds the worst case at this price, so no mix of cache and reasoning tokens can cost more
     * than was held.
     */
    public ModelPrice ceiling() {
        long input = Math.max(Math.max(inputPer1kTokens, cachedInputPer1kTokens),
                Math.max(cacheWrite5mPer1kTokens, cacheWrite1hPer1kTokens));
        long output = Math.max(outputPer1kTokens, reasoningPer1kTokens);
        return new ModelPrice(input, output);
    }

    /**
     * This price with every rate scaled by {@code basisPoints} (10,000 = unchanged), each rate
     * rounded up to a whole micro-credit per 1K tokens: the BYOK fee's share of a list price.
     */
    public ModelPrice share(int basisPoints) {
        if (basisPoints < 0) {
            throw new IllegalArgumentException("a share cannot be negative");
        }
        return new ModelPrice(scale(inputPer1kTokens, basisPoints), scale(outputPer1kTokens, basisPoints),
                scale(cachedInputPer1kTokens, basisPoints), scale(cacheWrite5mPer1kTokens, basisPoints),
                scale(cacheWrite1hPer1kTokens, basisPoints), scale(reasoningPer1kTokens, basisPoints));
    }

    private static long scale(long rate, int basisPoints) {
        return -Math.floorDiv(-Math.multiplyExact(rate, (long) basisPoints), (long) FULL);
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
        BigInteger numerator = listNumerator(usage)
                .multiply(BigInteger.valueOf(multiplierBasisPoints))
                .multiply(BigInteger.valueOf(FULL + (long) markupBasisPoints));
        BigInteger[] quotient = numerator.divideAndRemainder(DENOMINATOR);
        BigInteger cost = quotient[1].signum() > 0 ? quotient[0].add(BigInteger.ONE) : quotient[0];
        return MicroCredits.of(cost.longValueExact());
    }

    /** The cost at the list price, rounded up once. */
    public MicroCredits costOf(TokenUsage usage) {
        BigInteger[] quotient = listNumerator(usage).divideAndRemainder(BigInteger.valueOf(1_000L));
        BigInteger cost = quotient[1].signum() > 0 ? quotient[0].add(BigInteger.ONE) : quotient[0];
        return MicroCredits.of(cost.longValueExact());
    }

    /** Σ tokens × rate per 1K over the six disjoint buckets: the list cost × 1,000, exactly. */
    private BigInteger listNumerator(TokenUsage usage) {
        return term(usage.uncachedInputTokens(), inputPer1kTokens)
                .add(term(usage.cachedInputTokens(), cachedInputPer1kTokens))
                .add(term(usage.cacheWrite5mTokens(), cacheWrite5mPer1kTokens))
                .add(term(usage.cacheWrite1hTokens(), cacheWrite1hPer1kTokens))
                .add(term(usage.nonReasoningOutputTokens(), outputPer1kTokens))
                .add(term(usage.reasoningTokens(), reasoningPer1kTokens));
    }

    private static BigInteger term(long tokens, long per1k) {
        return BigInteger.valueOf(tokens).multiply(BigInteger.valueOf(per1k));
    }
}

package dev.switchgear.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The parts of a usage (cache reads, cache writes for 5 minutes and 1 hour, reasoning) priced at
 * their own rates, with ADR 0002's one rounding on the whole charge (ADR 0023).
 */
class PricedPartsTest {

    // Claude Sonnet 4's list price per 1K tokens: $3 in, $15 out, reads $0.30, writes $3.75 (5m) and $6 (1h)
    private static final ModelPrice SONNET = new ModelPrice(3_000_000, 15_000_000, 300_000, 3_750_000, 6_000_000,
            15_000_000);

    @Test
    void everyTokenIsInExactlyOneBucket() {
        TokenUsage usage = new TokenUsage(12_050, 400, 10_000, 1_500, 500, 150);

        assertThat(usage.uncachedInputTokens()).isEqualTo(50);
        assertThat(usage.cacheWriteTokens()).isEqualTo(2_000);
        assertThat(usage.nonReasoningOutputTokens()).isEqualTo(250);
        assertThat(usage.uncachedInputTokens() + usage.cachedInputTokens() + usage.cacheWrite5mTokens()
                + usage.cacheWrite1hTokens() + usage.nonReasoningOutputTokens() + usage.reasoningTokens())
                .isEqualTo(usage.totalTokens());
        assertThat(usage.hasParts()).isTrue();
        assertThat(new TokenUsage(10, 5).hasParts()).isFalse();
    }

    @Test
    void partsThatDoNotFitTheirTotalsAreRefused() {
        assertThatThrownBy(() -> new TokenUsage(100, 10, 60, 30, 11, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenUsage(100, 10, 0, 0, 0, 11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenUsage(100, 10, -1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ModelPrice(1, 1, -1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachBucketIsChargedOnceAtItsOwnRate() {
        // 50 × 3,000,000 + 10,000 × 300,000 + 1,500 × 3,750,000 + 500 × 6,000,000 + 400 × 15,000,000
        //   = 150,000,000 + 3,000,000,000 + 5,625,000,000 + 3,000,000,000 + 6,000,000,000 = 17,775,000,000
        // / 1000 = 17,775,000 micro-credits; charging the 2,000 writes as input too would be 23,775,000
        assertThat(SONNET.costOf(new TokenUsage(12_050, 400, 10_000, 1_500, 500, 0)).value()).isEqualTo(17_775_000);
    }

    @Test
    void aPriceOfInputAndOutputAloneChargesThePartsAsBefore() {
        ModelPrice old = new ModelPrice(150_000, 600_000);
        TokenUsage withParts = new TokenUsage(1_000, 500, 600, 100, 50, 200);

        assertThat(old).isEqualTo(new ModelPrice(150_000, 600_000, 150_000, 150_000, 150_000, 600_000));
        assertThat(old.costOf(withParts)).isEqualTo(old.costOf(new TokenUsage(1_000, 500)));
        assertThat(old.costOf(withParts, 2_500, 8_000)).isEqualTo(old.costOf(new TokenUsage(1_000, 500), 2_500, 8_000));
    }

    @Test
    void theWholeChargeIsRoundedUpOnceNotEachPart() {
        ModelPrice price = new ModelPrice(1, 1, 1, 1, 1, 1);
        // 1 cached + 1 written + 1 reasoning token at 1 per 1K: 3 / 1000 → 1 micro-credit (per part it would be 3)
        assertThat(price.costOf(new TokenUsage(2, 1, 1, 1, 0, 1)).value()).isEqualTo(1);
        // 999 / 1000 → 1; 1000 / 1000 → 1 exactly; 1001 / 1000 → 2
        assertThat(price.costOf(new TokenUsage(999, 0, 500, 400, 99, 0)).value()).isEqualTo(1);
        assertThat(price.costOf(new TokenUsage(600, 400, 300, 0, 0, 400)).value()).isEqualTo(1);
        assertThat(price.costOf(new TokenUsage(600, 401, 300, 0, 0, 1)).value()).isEqualTo(2);
        // cached reads at 0.1 per token: 25,000 × 40 / 1000 = 1,000 exactly; one more read → 1,000.04 → 1,001
        ModelPrice cheapReads = new ModelPrice(400, 1_000, 40, 500, 800, 1_000);
        assertThat(cheapReads.costOf(new TokenUsage(25_000, 0, 25_000, 0, 0, 0)).value()).isEqualTo(1_000);
        assertThat(cheapReads.costOf(new TokenUsage(25_001, 0, 25_001, 0, 0, 0)).value()).isEqualTo(1_001);
        // at Eco (0.1×) for Starter (+40 %): 25,001 × 40 × 1,000 × 14,000 / 10^11 = 140.0056 → 141
        assertThat(cheapReads.costOf(new TokenUsage(25_001, 0, 25_001, 0, 0, 0), 1_000, 4_000).value()).isEqualTo(141);
        assertThat(ModelPrice.FREE.costOf(new TokenUsage(10, 10, 5, 2, 1, 3), 10_000, 8_000)).isEqualTo(MicroCredits.ZERO);
    }

    @Test
    void aChargeFarBeyondSixtyFourBitIntermediatesIsStillExact() {
        // 4 × 10^12 tokens in each bucket × 10^8 per 1K × 10,000 × 18,000: intermediates ~10^30
        long t = 4_000_000_000_000L;
        ModelPrice price = new ModelPrice(100_000_000, 100_000_000, 100_000_000, 100_000_000, 100_000_000, 100_000_000);
        assertThat(price.costOf(new TokenUsage(4 * t, 2 * t, t, t, t, t), 10_000, 8_000).value())
                .isEqualTo(6 * t / 1_000 * 100_000_000 / 10_000 * 18_000);
    }

    @Test
    void theCeilingPriceBoundsEveryMixOfPartsForTheSameTotals() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 5_000; i++) {
            ModelPrice price = new ModelPrice(random.nextInt(20_000_000), random.nextInt(80_000_000),
                    random.nextInt(20_000_000), random.nextInt(40_000_000), random.nextInt(40_000_000),
                    random.nextInt(80_000_000));
            long in = random.nextInt(1_000_000);
            long out = random.nextInt(100_000);
            long cached = in == 0 ? 0 : random.nextLong(in + 1);
            long w5 = in - cached == 0 ? 0 : random.nextLong(in - cached + 1);
            long w1 = in - cached - w5 == 0 ? 0 : random.nextLong(in - cached - w5 + 1);
            long reasoning = out == 0 ? 0 : random.nextLong(out + 1);
            int multiplier = new int[] {1_000, 2_500, 10_000}[random.nextInt(3)];
            int markup = new int[] {0, 4_000, 6_000, 8_000}[random.nextInt(4)];
            TokenUsage usage = new TokenUsage(in, out, cached, w5, w1, reasoning);

            MicroCredits cost = price.costOf(usage, multiplier, markup);
            BigInteger exact = BigInteger.valueOf(usage.uncachedInputTokens() * price.inputPer1kTokens())
                    .add(BigInteger.valueOf(cached).multiply(BigInteger.valueOf(price.cachedInputPer1kTokens())))
                    .add(BigInteger.valueOf(w5).multiply(BigInteger.valueOf(price.cacheWrite5mPer1kTokens())))
                    .add(BigInteger.valueOf(w1).multiply(BigInteger.valueOf(price.cacheWrite1hPer1kTokens())))
                    .add(BigInteger.valueOf(out - reasoning).multiply(BigInteger.valueOf(price.outputPer1kTokens())))
                    .add(BigInteger.valueOf(reasoning).multiply(BigInteger.valueOf(price.reasoningPer1kTokens())))
                    .multiply(BigInteger.valueOf(multiplier)).multiply(BigInteger.valueOf(10_000L + markup));
            long expected = new BigDecimal(exact).divide(new BigDecimal("100000000000"), 0, RoundingMode.CEILING)
                    .longValueExact();
            assertThat(cost.value()).as("seed %d, %s at %s", seed, usage, price).isEqualTo(expected);
            assertThat(price.ceiling().costOf(new TokenUsage(in, out), multiplier, markup))
                    .as("seed %d", seed).isGreaterThanOrEqualTo(cost);
        }
    }

    @Test
    void aShareOfAPriceScalesEveryRateRoundingUp() {
        assertThat(SONNET.share(500)).isEqualTo(new ModelPrice(150_000, 750_000, 15_000, 187_500, 300_000, 750_000));
        assertThat(new ModelPrice(3, 7, 1, 1, 1, 9).share(5_000)).isEqualTo(new ModelPrice(2, 4, 1, 1, 1, 5));
    }
}

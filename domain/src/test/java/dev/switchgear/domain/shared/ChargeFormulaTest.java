package dev.switchgear.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.shared.PowerLevel;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * The charge formula against 200 scenarios computed apart from this code with exact rational
 * arithmetic (charge-scenarios.csv): every power level × tier on four real prices and four usages,
 * the edge cases (nothing used, exact results, rounding up from a fraction, a call far beyond 64-bit
 * intermediates), and seeded random ones.
 */
class ChargeFormulaTest {

    @ParameterizedTest(name = "[{index}] {0} in + {1} out at {2}/{3}, {4}, {5} -> {6} µc {7}")
    @CsvFileSource(resources = "/charge-scenarios.csv", numLinesToSkip = 1)
    void chargesTokensTimesPriceTimesLevelTimesTierMarkupRoundedUpOnce(long input, long output, long inPer1k,
                                                                         long outPer1k, String level, String tier,
                                                                         long expected, String note) {
        PowerLevel powerLevel = PowerLevel.fromCode(level).orElseThrow();
        Tier t = Tier.valueOf(tier.toUpperCase(Locale.ROOT));
        MicroCredits cost = new ModelPrice(inPer1k, outPer1k).costOf(new TokenUsage(input, output),
                powerLevel.multiplierBasisPoints(), t.markupBasisPoints());
        assertThat(cost.value()).isEqualTo(expected);
    }
}

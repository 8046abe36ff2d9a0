package dev.switchgear.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void parsesCreditsExactlyToMicroCredits() {
        assertThat(MicroCredits.ofCredits(new BigDecimal("12.5"))).isEqualTo(MicroCredits.of(12_500_000));
        assertThat(MicroCredits.ofCredits(new BigDecimal("0.000001"))).isEqualTo(MicroCredits.of(1));
        assertThat(MicroCredits.ofCredits(new BigDecimal("1E+3"))).isEqualTo(MicroCredits.of(1_000_000_000));
        assertThat(MicroCredits.of(1_234_567).toCredits().toPlainString()).isEqualTo("1.234567");
    }

    @Test
    void refusesMoreThanSixDecimalPlacesOrOverflow() {
        assertThatThrownBy(() -> MicroCredits.ofCredits(new BigDecimal("0.0000001")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MicroCredits.ofCredits(new BigDecimal("1e20")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MicroCredits.of(Long.MAX_VALUE).plus(MicroCredits.of(1)))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void aCostRoundsUpOnceOnTheWholeCharge() {
        ModelPrice price = new ModelPrice(1, 1);
        assertThat(price.costOf(new TokenUsage(1, 0))).isEqualTo(MicroCredits.of(1));
        assertThat(price.costOf(new TokenUsage(500, 500))).isEqualTo(MicroCredits.of(1));
        assertThat(price.costOf(new TokenUsage(500, 501))).isEqualTo(MicroCredits.of(2));
        assertThat(price.costOf(new TokenUsage(0, 0))).isEqualTo(MicroCredits.ZERO);
    }

    @Test
    void costMatchesExactArithmeticForRandomUsage() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < 10_000; i++) {
            long in = random.nextInt(2_000_000);
            long out = random.nextInt(2_000_000);
            long pin = random.nextInt(100_000_000);
            long pout = random.nextInt(100_000_000);
            BigInteger exact = BigInteger.valueOf(in).multiply(BigInteger.valueOf(pin))
                    .add(BigInteger.valueOf(out).multiply(BigInteger.valueOf(pout)));
            long expected = new BigDecimal(exact).divide(BigDecimal.valueOf(1000), 0, RoundingMode.CEILING).longValueExact();
            assertThat(new ModelPrice(pin, pout).costOf(new TokenUsage(in, out)).value())
                    .as("seed %d: %d in × %d + %d out × %d", seed, in, pin, out, pout).isEqualTo(expected);
        }
    }

    @Test
    void negativePricesAndTokenCountsAreRefused() {
        assertThatThrownBy(() -> new ModelPrice(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenUsage(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}

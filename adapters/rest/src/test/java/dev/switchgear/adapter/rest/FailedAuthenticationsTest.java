package dev.switchgear.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailedAuthenticationsTest {

    @Test
    void anAddressIsBlockedOnlyAfterItsAllowanceOfFailures() {
        FailedAuthentications failures = new FailedAuthentications(5, 1_000);
        for (int i = 0; i < 5; i++) {
            assertThat(failures.blocked("203.0.113.7")).isEmpty();
            assertThat(failures.failed("203.0.113.7")).as("failure " + (i + 1)).isEmpty();
        }
        assertThat(failures.blocked("203.0.113.7")).hasValueSatisfying(wait ->
                assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1)));
        assertThat(failures.failed("203.0.113.7")).isPresent();
    }

    @Test
    void anotherAddressIsNotSlowed() {
        FailedAuthentications failures = new FailedAuthentications(3, 1_000);
        for (int i = 0; i < 50; i++) {
            failures.failed("203.0.113.7");
        }
        assertThat(failures.blocked("203.0.113.7")).isPresent();
        assertThat(failures.blocked("198.51.100.9")).isEmpty();
        assertThat(failures.failed("198.51.100.9")).isEmpty();
    }

    @Test
    void memoryIsBoundedByTheNumberOfTrackedAddresses() {
        FailedAuthentications failures = new FailedAuthentications(20, 100);
        for (int i = 0; i < 20_000; i++) {
            failures.failed("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        }
        assertThat(failures.trackedAddresses()).isLessThanOrEqualTo(100);
    }

    @Test
    void aLimitMustBePositive() {
        assertThatThrownBy(() -> new FailedAuthentications(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FailedAuthentications(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

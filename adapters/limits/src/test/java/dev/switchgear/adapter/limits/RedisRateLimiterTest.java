package dev.switchgear.adapter.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchgear.application.port.out.limit.RateLimiter;
import dev.switchgear.application.port.out.limit.RateLimiter.Limits;
import dev.switchgear.application.port.out.limit.RateLimiter.Reservation;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract against a Redis server the test starts, and what happens when Redis goes away. */
class RedisRateLimiterTest extends RateLimiterContract {

    private static RedisProcess redis;
    private RedisRateLimiter limiter;

    @BeforeAll
    static void startRedis() {
        redis = RedisProcess.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @AfterEach
    void closeLimiter() {
        if (limiter != null) {
            limiter.close();
        }
    }

    @Override
    RateLimiter limiter() {
        limiter = new RedisRateLimiter(redis.url(), Duration.ofSeconds(2), clock);
        return limiter;
    }

    @Test
    void twoLimitersOnOneRedisEnforceOneLimit() {
        RateLimiter first = limiter();
        try (RedisRateLimiter second = new RedisRateLimiter(redis.url(), Duration.ofSeconds(2), clock)) {
            Limits limits = new Limits(3, 100);
            assertThat(first.reserve(account, limits, 10).admitted()).isTrue();
            assertThat(second.reserve(account, limits, 10).admitted()).isTrue();
            assertThat(first.reserve(account, limits, 10).admitted()).isTrue();
            Reservation fourth = second.reserve(account, limits, 10);
            assertThat(fourth.admitted()).isFalse();
            assertThat(fourth.tokenBudget().remaining()).isEqualTo(70);
        }
    }

    @Test
    void withRedisUnreachableRequestsPassUnlimitedAndAreCounted() {
        RedisRateLimiter down;
        try (RedisProcess own = RedisProcess.start()) {
            down = new RedisRateLimiter(own.url(), Duration.ofMillis(500), clock);
            assertThat(down.reserve(account, new Limits(1, 100), 1).enforced()).isTrue();
            own.stop();
            Reservation unlimited = down.reserve(account, new Limits(1, 100), 1);
            assertThat(unlimited.admitted()).isTrue();
            assertThat(unlimited.enforced()).isFalse();
            down.release(unlimited);
            assertThat(down.failures()).isEqualTo(1);
            down.close();
        }
    }

    @Test
    void aGatewayStartedWhileRedisIsDownEnforcesOnceItIsUp() throws Exception {
        RedisProcess later = RedisProcess.start();
        later.stop();
        try (RedisRateLimiter limiter = new RedisRateLimiter(later.url(), Duration.ofMillis(500), clock)) {
            assertThat(limiter.reserve(account, new Limits(1, 100), 1).enforced()).isFalse();
            later.restart();
            Thread.sleep(1_100);
            assertThat(limiter.reserve(account, new Limits(1, 100), 1).admitted()).isTrue();
            assertThat(limiter.reserve(account, new Limits(1, 100), 1).admitted()).isFalse();
        } finally {
            later.close();
        }
    }
}

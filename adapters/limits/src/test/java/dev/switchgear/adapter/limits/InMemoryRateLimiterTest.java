package dev.switchgear.adapter.limits;

import dev.switchgear.application.port.out.limit.RateLimiter;

class InMemoryRateLimiterTest extends RateLimiterContract {

    private final InMemoryRateLimiter limiter = new InMemoryRateLimiter(clock);

    @Override
    RateLimiter limiter() {
        return limiter;
    }
}

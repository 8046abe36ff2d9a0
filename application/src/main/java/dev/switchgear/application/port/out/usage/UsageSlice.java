package dev.switchgear.application.port.out.usage;

import dev.switchgear.domain.shared.MicroCredits;

/**
 * One value of a breakdown: its key (a provider, model, level, {@code byok}/{@code platform} or
 * tier; {@code unknown} where a charge did not record it), requests, tokens (input and output),
 * cost, and its share of all requests in the breakdown (0 to 1).
 */
public record UsageSlice(String key, long requests, long tokens, MicroCredits cost, double share) {

    /** The same slice with its share of {@code totalRequests}. */
    public UsageSlice withShareOf(long totalRequests) {
        return new UsageSlice(key, requests, tokens, cost, totalRequests == 0 ? 0 : (double) requests / totalRequests);
    }
}

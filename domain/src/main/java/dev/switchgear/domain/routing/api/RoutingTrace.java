package dev.switchgear.domain.routing.api;

import java.util.List;

/**
 * How one request was routed, recorded with its charge so the decision can be explained later:
 * what was asked for, at which power level and catalog version, through which chain, the candidates
 * in the order they were to be tried, every model left out and why, and each attempt made.
 */
public record RoutingTrace(String requested, String powerLevel, long catalogVersion, String chain,
                           List<String> candidates, List<Skip> skipped, List<Attempt> attempts) {

    public RoutingTrace {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    /**
     * A model the router left out: why, as a stable code ({@code tier}, {@code context},
     * {@code capability}, {@code privacy}, {@code quality}, {@code not_connected}, {@code unhealthy},
     * {@code unknown_provider}) and in words.
     */
    public record Skip(String model, String code, String reason) {
    }

    /**
     * One try of a candidate: its model and provider, whether the caller's own key was used, the
     * outcome ({@code ok}, or the failure's kind and status) and how long it took.
     */
    public record Attempt(String model, String provider, boolean byok, String outcome, long latencyMillis) {
    }
}

package dev.switchgear.adapter.llm.health;

import dev.switchgear.application.port.in.routing.ReportHealthTransitionUseCase;
import dev.switchgear.application.port.out.routing.HealthNotifier;
import dev.switchgear.application.port.out.routing.ModelStatus;
import dev.switchgear.application.port.out.routing.ProviderHealth;
import dev.switchgear.application.port.out.routing.ProviderStatus;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Provider health with Resilience4j: one circuit breaker per provider and model, fed by every real
 * call (count-based window; it opens when half of the last calls failed, after a minimum), plus a
 * sliding window of each provider's last calls for its success rate and p50/p95 latency (and one of
 * each catalog model's, for the catalog's per-model figures — only models {@code tracked} accepts,
 * so callers naming models of their own cannot grow it without bound), plus the
 * active probe: a failed probe marks the provider down until a probe succeeds, and a successful one
 * closes its open circuits (so traffic comes back as soon as the provider does). Each circuit's
 * transitions and each probe's down/up change are reported to the application
 * ({@link ReportHealthTransitionUseCase}), which announces them.
 */
public final class CircuitBreakerHealth implements ProviderHealth {

    /** How circuits judge: window size, minimum calls, failure rate, and time open before a trial. */
    public record Settings(int windowSize, int minimumCalls, float failureRatePercent, Duration openFor,
                           int latencyWindow) {
    }

    private final CircuitBreakerConfig config;
    private final ReportHealthTransitionUseCase transitions;
    private final Clock clock;
    private final int latencyWindow;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Map<String, Window> modelWindows = new ConcurrentHashMap<>();
    private final Predicate<String> tracked;
    private final Map<String, Probe> probes = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastTransition = new ConcurrentHashMap<>();

    private record Probe(boolean reachable, Instant at, String detail) {
    }

    /** Health that keeps a window for every model it is told about (tests; see the four-argument one). */
    public CircuitBreakerHealth(Settings settings, ReportHealthTransitionUseCase transitions, Clock clock) {
        this(settings, transitions, clock, model -> true);
    }

    /** @param tracked whether a model gets a window of its own (the catalog's models) */
    public CircuitBreakerHealth(Settings settings, ReportHealthTransitionUseCase transitions, Clock clock,
                                Predicate<String> tracked) {
        this.tracked = tracked;
        this.config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.windowSize())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRatePercent())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .recordExceptions(Throwable.class)
                .build();
        this.transitions = transitions;
        this.clock = clock;
        this.latencyWindow = settings.latencyWindow();
    }

    @Override
    public boolean admits(String provider, String model) {
        Probe probe = probes.get(provider);
        if (probe != null && !probe.reachable()) {
            return false;
        }
        CircuitBreaker breaker = breakers.get(key(provider, model));
        if (breaker == null || breaker.getState() != CircuitBreaker.State.OPEN) {
            return true;
        }
        // open: after its wait, one trial is let through (the breaker moves to half-open)
        if (breaker.tryAcquirePermission()) {
            breaker.releasePermission();
            return true;
        }
        return false;
    }

    @Override
    public long latencyMicros(String provider) {
        Window window = windows.get(provider);
        return window == null ? 0 : window.percentileNanos(50) / 1_000;
    }

    @Override
    public void recordSuccess(String provider, String model, long latencyNanos) {
        breaker(provider, model).onSuccess(latencyNanos, TimeUnit.NANOSECONDS);
        windows.computeIfAbsent(provider, p -> new Window(latencyWindow)).add(true, latencyNanos);
        modelWindow(provider, model).ifPresent(w -> w.add(true, latencyNanos));
    }

    @Override
    public void recordFailure(String provider, String model, long latencyNanos, String reason) {
        breaker(provider, model).onError(latencyNanos, TimeUnit.NANOSECONDS, new UpstreamFailure(reason));
        windows.computeIfAbsent(provider, p -> new Window(latencyWindow)).add(false, latencyNanos);
        modelWindow(provider, model).ifPresent(w -> w.add(false, latencyNanos));
    }

    @Override
    public Optional<ModelStatus> modelStatus(String provider, String model) {
        Window window = modelWindows.get(key(provider, model));
        if (window == null || window.count() == 0) {
            return Optional.empty();
        }
        return Optional.of(new ModelStatus(provider, model, window.successRate(), window.percentileNanos(50) / 1_000_000,
                window.percentileNanos(95) / 1_000_000, window.count()));
    }

    private Optional<Window> modelWindow(String provider, String model) {
        String key = key(provider, model);
        Window window = modelWindows.get(key);
        if (window == null && model != null && tracked.test(model)) {
            window = modelWindows.computeIfAbsent(key, k -> new Window(latencyWindow));
        }
        return Optional.ofNullable(window);
    }

    @Override
    public void recordProbe(String provider, boolean reachable, long latencyMillis, String detail) {
        Instant now = clock.instant();
        Probe before = probes.put(provider, new Probe(reachable, now, detail));
        boolean wasDown = before != null && !before.reachable();
        if (reachable) {
            breakers.forEach((key, breaker) -> {
                if (key.startsWith(provider + "\u0000") && breaker.getState() != CircuitBreaker.State.CLOSED) {
                    breaker.transitionToClosedState();
                }
            });
        }
        if (reachable == wasDown || (before == null && !reachable)) {
            lastTransition.put(provider, now);
            transitions.report(new HealthNotifier.Transition(provider, null, reachable ? "down" : "up",
                    reachable ? "up" : "down", "active probe: " + detail, now));
        }
    }

    @Override
    public List<ProviderStatus> statuses() {
        Set<String> providers = new TreeSet<>(windows.keySet());
        providers.addAll(probes.keySet());
        breakers.keySet().forEach(k -> providers.add(k.substring(0, k.indexOf('\u0000'))));
        List<ProviderStatus> statuses = new ArrayList<>();
        for (String provider : providers) {
            Window window = windows.get(provider);
            Probe probe = probes.get(provider);
            statuses.add(new ProviderStatus(provider, state(provider, probe),
                    window == null ? 1.0 : window.successRate(),
                    window == null ? 0 : window.percentileNanos(50) / 1_000_000,
                    window == null ? 0 : window.percentileNanos(95) / 1_000_000,
                    window == null ? 0 : window.count(), Optional.ofNullable(lastTransition.get(provider)),
                    Optional.ofNullable(probe).map(Probe::at), Optional.ofNullable(probe).map(Probe::detail)));
        }
        return statuses;
    }

    private String state(String provider, Probe probe) {
        if (probe != null && !probe.reachable()) {
            return "down";
        }
        int total = 0;
        int open = 0;
        for (Map.Entry<String, CircuitBreaker> e : breakers.entrySet()) {
            if (e.getKey().startsWith(provider + "\u0000")) {
                total++;
                if (e.getValue().getState() == CircuitBreaker.State.OPEN
                        || e.getValue().getState() == CircuitBreaker.State.FORCED_OPEN) {
                    open++;
                }
            }
        }
        if (total > 0 && open == total) {
            return "down";
        }
        return open > 0 ? "degraded" : "up";
    }

    private CircuitBreaker breaker(String provider, String model) {
        return breakers.computeIfAbsent(key(provider, model), key -> {
            CircuitBreaker breaker = CircuitBreaker.of(provider + "/" + model, config);
            breaker.getEventPublisher().onStateTransition(event -> {
                Instant now = clock.instant();
                lastTransition.put(provider, now);
                CircuitBreaker.StateTransition t = event.getStateTransition();
                transitions.report(new HealthNotifier.Transition(provider, model, name(t.getFromState()),
                        name(t.getToState()), "circuit " + t, now));
            });
            return breaker;
        });
    }

    private static String name(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED -> "up";
            case OPEN, FORCED_OPEN -> "down";
            case HALF_OPEN -> "trial";
            default -> state.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String key(String provider, String model) {
        return provider + "\u0000" + model;
    }

    /** Why a call failed, for the breaker (never carries a key or a URL). */
    static final class UpstreamFailure extends RuntimeException {
        UpstreamFailure(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The last calls of one provider: outcome and latency, in a ring. */
    static final class Window {
        private final boolean[] ok;
        private final long[] nanos;
        private int next;
        private int count;

        Window(int size) {
            ok = new boolean[size];
            nanos = new long[size];
        }

        synchronized void add(boolean success, long latencyNanos) {
            ok[next] = success;
            nanos[next] = latencyNanos;
            next = (next + 1) % ok.length;
            count = Math.min(count + 1, ok.length);
        }

        synchronized int count() {
            return count;
        }

        synchronized double successRate() {
            if (count == 0) {
                return 1.0;
            }
            int good = 0;
            for (int i = 0; i < count; i++) {
                good += ok[i] ? 1 : 0;
            }
            return good / (double) count;
        }

        synchronized long percentileNanos(int percentile) {
            if (count == 0) {
                return 0;
            }
            long[] sorted = Arrays.copyOf(nanos, count);
            Arrays.sort(sorted);
            return sorted[Math.min(count - 1, (int) Math.ceil(percentile / 100.0 * count) - 1)];
        }
    }
}

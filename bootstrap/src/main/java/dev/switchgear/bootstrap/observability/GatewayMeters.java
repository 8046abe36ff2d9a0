package dev.switchgear.bootstrap.observability;

import dev.switchgear.domain.shared.TokenUsage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The completion path's meters (ADR 0028), named after the OpenTelemetry GenAI semantic
 * conventions where they name one ({@code gen_ai.server.request.duration},
 * {@code gen_ai.server.time_to_first_token}, {@code gen_ai.client.operation.duration} for each
 * upstream attempt, {@code gen_ai.client.token.usage}) and {@code switchgear.*} where they do not
 * (the gateway's own overhead, cost, fallbacks, rate-limit refusals).
 *
 * <p>Every label value is bounded: route templates, catalog model ids ({@code other} for the
 * rest), configured provider ids, error codes of closed enums. No key, prompt or completion text
 * reaches a label. Meters are resolved once per label combination and kept in maps keyed by a small
 * record, so a request costs a map probe per meter and no tag lists or meter ids.
 */
public final class GatewayMeters {

    static final String NONE = "none";
    static final String OPERATION = "chat";

    /** The semantic conventions' buckets for request durations, in seconds. */
    private static final Duration[] DURATION_BUCKETS = seconds(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56,
            5.12, 10.24, 20.48, 40.96, 81.92);
    /** The conventions' buckets for the time to the first token. */
    private static final Duration[] FIRST_TOKEN_BUCKETS = seconds(0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1,
            0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);
    /** The gateway's own share is expected in milliseconds: finer buckets there. */
    private static final Duration[] OVERHEAD_BUCKETS = seconds(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
            0.025, 0.05, 0.1, 0.25, 0.5, 1.0);
    private static final double[] TOKEN_BUCKETS = {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576};

    private record RequestKey(String route, String requestModel, String responseModel, String provider,
                              String keySource, String errorType) {
    }

    private record ModelKey(String requestModel, String responseModel, String provider) {
    }

    private record AttemptKey(String provider, String responseModel, String errorType) {
    }

    private record PairKey(String first, String second) {
    }

    private final MeterRegistry registry;
    private final ModelLabels models;
    private final GatewaySpans spans;
    private final Map<RequestKey, Timer> requests = new ConcurrentHashMap<>();
    private final Map<String, Timer> overhead = new ConcurrentHashMap<>();
    private final Map<ModelKey, Timer> firstToken = new ConcurrentHashMap<>();
    private final Map<ModelKey, DistributionSummary[]> tokens = new ConcurrentHashMap<>();
    private final Map<PairKey, Counter> cost = new ConcurrentHashMap<>();
    private final Map<AttemptKey, Timer> attempts = new ConcurrentHashMap<>();
    private final Map<PairKey, Counter> fallbacks = new ConcurrentHashMap<>();
    private final Map<String, Counter> refusals = new ConcurrentHashMap<>();

    GatewayMeters(MeterRegistry registry, ModelLabels models, GatewaySpans spans) {
        this.registry = registry;
        this.models = models;
        this.spans = spans;
    }

    ModelLabels models() {
        return models;
    }

    GatewaySpans spans() {
        return spans;
    }

    /** One upstream attempt: its provider, the model it was asked for, how it ended, how long it took. */
    void attempt(String provider, String upstreamModel, String errorType, long nanos) {
        attempts.computeIfAbsent(new AttemptKey(provider, models.upstream(upstreamModel), errorType),
                key -> Timer.builder("gen_ai.client.operation.duration")
                        .description("One upstream attempt, from the request sent to the last byte")
                        .tag("gen_ai.operation.name", OPERATION)
                        .tag("gen_ai.provider.name", key.provider())
                        .tag("gen_ai.response.model", key.responseModel())
                        .tag("error.type", key.errorType())
                        .serviceLevelObjectives(DURATION_BUCKETS)
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A failed attempt was followed by another candidate. */
    void fallback(String fromProvider, String cause) {
        fallbacks.computeIfAbsent(new PairKey(fromProvider, cause),
                key -> Counter.builder("switchgear.fallbacks")
                        .description("Moves to the next candidate after a failed upstream attempt")
                        .tag("gen_ai.provider.name", key.first())
                        .tag("cause", key.second())
                        .register(registry))
                .increment();
    }

    /** A request the account's rate limits refused ({@code requests} or {@code tokens}). */
    void refused(String limit) {
        refusals.computeIfAbsent(limit, key -> Counter.builder("switchgear.rate_limit.refusals")
                        .description("Requests refused by the account's rate limits")
                        .tag("limit", key)
                        .register(registry))
                .increment();
    }

    /** A request that ended: its time, the gateway's share of it, its first token, tokens and cost. */
    void request(String route, String requestedModel, RequestMeasure measure, String errorType, TokenUsage usage,
                 long chargedMicroCredits) {
        long total = System.nanoTime() - measure.startedNanos;
        String requestModel = models.requested(requestedModel);
        // none: no attempt answered (refused, or every attempt failed)
        String responseModel = NONE.equals(measure.responseModel) ? NONE : models.upstream(measure.responseModel);
        String provider = measure.provider;
        requests.computeIfAbsent(new RequestKey(route, requestModel, responseModel, provider, measure.keySource,
                        errorType), key -> Timer.builder("gen_ai.server.request.duration")
                        .description("A completion request, from its admission to its last byte")
                        .tag("http.route", key.route())
                        .tag("gen_ai.operation.name", OPERATION)
                        .tag("gen_ai.request.model", key.requestModel())
                        .tag("gen_ai.response.model", key.responseModel())
                        .tag("gen_ai.provider.name", key.provider())
                        .tag("key.source", key.keySource())
                        .tag("error.type", key.errorType())
                        .serviceLevelObjectives(DURATION_BUCKETS)
                        .register(registry))
                .record(total, TimeUnit.NANOSECONDS);
        overhead.computeIfAbsent(route, key -> Timer.builder("switchgear.gateway.overhead")
                        .description("A request's time less its upstream attempts: the gateway's own share")
                        .tag("http.route", key)
                        .serviceLevelObjectives(OVERHEAD_BUCKETS)
                        .register(registry))
                .record(Math.max(0, total - measure.upstreamNanos), TimeUnit.NANOSECONDS);
        if (measure.firstChunkNanos != 0) {
            firstToken.computeIfAbsent(new ModelKey(requestModel, responseModel, provider),
                            key -> Timer.builder("gen_ai.server.time_to_first_token")
                                    .description("From the request's arrival to its first chunk from upstream")
                                    .tag("gen_ai.operation.name", OPERATION)
                                    .tag("gen_ai.request.model", key.requestModel())
                                    .tag("gen_ai.response.model", key.responseModel())
                                    .tag("gen_ai.provider.name", key.provider())
                                    .serviceLevelObjectives(FIRST_TOKEN_BUCKETS)
                                    .register(registry))
                    .record(measure.firstChunkNanos - measure.startedNanos, TimeUnit.NANOSECONDS);
        }
        if (usage != null && (usage.inputTokens() > 0 || usage.outputTokens() > 0)) {
            DistributionSummary[] inOut = tokens.computeIfAbsent(new ModelKey(requestModel, responseModel, provider),
                    key -> new DistributionSummary[] {tokenSummary(key, "input"), tokenSummary(key, "output")});
            inOut[0].record(usage.inputTokens());
            inOut[1].record(usage.outputTokens());
        }
        endSpan(route, requestModel, responseModel, measure, errorType, usage);
        if (chargedMicroCredits > 0) {
            cost.computeIfAbsent(new PairKey(provider, measure.keySource),
                    key -> Counter.builder("switchgear.cost")
                            .description("Micro-credits charged for completions")
                            .baseUnit("microcredits")
                            .tag("gen_ai.provider.name", key.first())
                            .tag("key.source", key.second())
                            .register(registry))
                    .increment(chargedMicroCredits);
        }
    }

    /**
     * Ends the request's span, named and attributed after the GenAI conventions, with two children
     * told from the attempts' times: admission and routing (until the first attempt) and the charge
     * (after the attempt that answered).
     */
    private void endSpan(String route, String requestModel, String responseModel, RequestMeasure measure,
                         String errorType, TokenUsage usage) {
        io.micrometer.tracing.Span span = measure.span;
        if (span == null) {
            return;
        }
        long now = System.nanoTime();
        spans.past("switchgear.admission_and_routing", span, measure.startedNanos,
                measure.firstAttemptNanos != 0 ? measure.firstAttemptNanos : now);
        if (measure.answeredNanos != 0) {
            spans.past("switchgear.charge", span, measure.answeredNanos, now);
        }
        span.name(OPERATION + " " + requestModel)
                .tag("gen_ai.operation.name", OPERATION)
                .tag("gen_ai.request.model", requestModel)
                .tag("gen_ai.response.model", responseModel)
                .tag("gen_ai.provider.name", measure.provider)
                .tag("http.route", route)
                .tag("switchgear.key.source", measure.keySource)
                .tag("switchgear.attempts", measure.attempts);
        if (usage != null) {
            span.tag("gen_ai.usage.input_tokens", usage.inputTokens()).tag("gen_ai.usage.output_tokens",
                    usage.outputTokens());
        }
        if (!NONE.equals(errorType)) {
            span.tag("error.type", errorType);
        }
        span.end();
    }

    private DistributionSummary tokenSummary(ModelKey key, String type) {
        return DistributionSummary.builder("gen_ai.client.token.usage")
                .description("Tokens of a completion, input or output, as charged")
                .baseUnit("tokens")
                .tag("gen_ai.operation.name", OPERATION)
                .tag("gen_ai.request.model", key.requestModel())
                .tag("gen_ai.response.model", key.responseModel())
                .tag("gen_ai.provider.name", key.provider())
                .tag("gen_ai.token.type", type)
                .serviceLevelObjectives(TOKEN_BUCKETS)
                .register(registry);
    }

    private static Duration[] seconds(double... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
        }
        return durations;
    }
}

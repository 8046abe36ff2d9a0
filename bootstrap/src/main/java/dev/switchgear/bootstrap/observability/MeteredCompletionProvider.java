package dev.switchgear.bootstrap.observability;

import dev.switchgear.application.port.out.completion.CompletionProvider;
import dev.switchgear.application.port.out.completion.StreamListener;
import dev.switchgear.application.port.out.completion.StreamOutcome;
import dev.switchgear.application.port.out.completion.UpstreamCall;
import dev.switchgear.application.port.out.completion.UpstreamException;
import dev.switchgear.application.port.out.completion.UpstreamReply;
import io.micrometer.tracing.Span;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A provider whose every attempt is timed ({@code gen_ai.client.operation.duration}) and added to
 * the running request's {@link RequestMeasure}: its upstream time, its first chunk, the attempt that
 * answered, and a fallback when an attempt follows a failed one. Each attempt is a client span too.
 */
final class MeteredCompletionProvider implements CompletionProvider {

    private final CompletionProvider delegate;
    private final Supplier<GatewayMeters> meters;
    private final String provider;

    MeteredCompletionProvider(CompletionProvider delegate, Supplier<GatewayMeters> meters) {
        this.delegate = delegate;
        this.meters = meters;
        this.provider = delegate.providerId();
    }

    @Override
    public String providerId() {
        return provider;
    }

    @Override
    public boolean hasPlatformCredential() {
        return delegate.hasPlatformCredential();
    }

    @Override
    public UpstreamReply complete(UpstreamCall call) {
        return attempt(call, GatewayMeters.OPERATION, delegate::complete);
    }

    /** An embeddings attempt (ADR 0022): timed and traced like a completion's, as the operation {@code embeddings}. */
    @Override
    public UpstreamReply embed(UpstreamCall call) {
        return attempt(call, "embeddings", delegate::embed);
    }

    /** One answered-at-once attempt, timed and traced as {@code operation}. */
    private UpstreamReply attempt(UpstreamCall call, String operation,
                                  java.util.function.Function<UpstreamCall, UpstreamReply> send) {
        RequestMeasure measure = starting();
        long started = System.nanoTime();
        Span span = attemptSpan(call, operation);
        try {
            UpstreamReply reply = send.apply(call);
            answered(measure, call, started);
            return reply;
        } catch (RuntimeException e) {
            tag(span, "error.type", failed(measure, call, started, e));
            throw e;
        } finally {
            end(span);
        }
    }

    @Override
    public StreamOutcome stream(UpstreamCall call, StreamListener listener) {
        RequestMeasure measure = starting();
        long started = System.nanoTime();
        StreamListener timed = measure == null ? listener : chunk -> {
            if (measure.firstChunkNanos == 0) {
                measure.firstChunkNanos = System.nanoTime();
            }
            listener.onChunk(chunk);
        };
        Span span = attemptSpan(call);
        try {
            StreamOutcome outcome = delegate.stream(call, timed);
            answered(measure, call, started);
            return outcome;
        } catch (RuntimeException e) {
            tag(span, "error.type", failed(measure, call, started, e));
            throw e;
        } finally {
            end(span);
        }
    }

    /** The attempt's client span, with the GenAI conventions' attributes (bounded names only). */
    private Span attemptSpan(UpstreamCall call) {
        return attemptSpan(call, GatewayMeters.OPERATION);
    }

    private Span attemptSpan(UpstreamCall call, String operation) {
        GatewayMeters gateway = meters.get();
        String model = gateway.models().upstream(call.upstreamModel());
        Span span = gateway.spans().startClient(operation + " " + model);
        tag(span, "gen_ai.operation.name", operation);
        tag(span, "gen_ai.provider.name", provider);
        tag(span, "gen_ai.request.model", model);
        tag(span, "switchgear.key.source", call.credential() == null ? "platform" : "own");
        return span;
    }

    private static void tag(Span span, String key, String value) {
        if (span != null) {
            span.tag(key, value);
        }
    }

    private static void end(Span span) {
        if (span != null) {
            span.end();
        }
    }

    private RequestMeasure starting() {
        RequestMeasure measure = RequestMeasure.current();
        if (measure != null) {
            if (measure.lastFailureCause != null) {
                meters.get().fallback(measure.lastFailedProvider, measure.lastFailureCause);
            }
            measure.attempts++;
            if (measure.firstAttemptNanos == 0) {
                measure.firstAttemptNanos = System.nanoTime();
            }
        }
        return measure;
    }

    private void answered(RequestMeasure measure, UpstreamCall call, long started) {
        long elapsed = System.nanoTime() - started;
        meters.get().attempt(provider, call.upstreamModel(), GatewayMeters.NONE, elapsed);
        if (measure != null) {
            measure.upstreamNanos += elapsed;
            measure.provider = provider;
            measure.responseModel = call.upstreamModel();
            measure.keySource = call.credential() == null ? "platform" : "own";
            measure.answeredNanos = System.nanoTime();
        }
    }

    private String failed(RequestMeasure measure, UpstreamCall call, long started, RuntimeException e) {
        long elapsed = System.nanoTime() - started;
        String cause = e instanceof UpstreamException upstream ? upstream.kind().name().toLowerCase(Locale.ROOT)
                : "_OTHER";
        meters.get().attempt(provider, call.upstreamModel(), cause, elapsed);
        if (measure != null) {
            measure.upstreamNanos += elapsed;
            measure.lastFailureCause = cause;
            measure.lastFailedProvider = provider;
        }
        return cause;
    }
}

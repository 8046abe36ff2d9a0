package dev.switchgear.bootstrap.observability;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's own spans (ADR 0028), children of the HTTP server span Spring opens: the
 * authentication, the completion ({@code chat <model>}, with the GenAI conventions' attributes),
 * its admission and routing, each upstream attempt, and the charge. With no tracer (tracing off),
 * nothing is made. Attributes carry bounded names and numbers only: never a key, a prompt, a
 * completion, or an error message.
 */
final class GatewaySpans {

    private final Tracer tracer;

    GatewaySpans(Tracer tracer) {
        this.tracer = tracer;
    }

    boolean on() {
        return tracer != null && tracer != Tracer.NOOP;
    }

    /** A span started now, a child of the current one; null when tracing is off. */
    Span start(String name) {
        return on() ? tracer.nextSpan().name(name).start() : null;
    }

    /** A client span (an upstream call) started now, a child of the current one; null when tracing is off. */
    Span startClient(String name) {
        if (!on()) {
            return null;
        }
        Span.Builder builder = tracer.spanBuilder().name(name).kind(Span.Kind.CLIENT);
        Span current = tracer.currentSpan();
        if (current != null) {
            builder.setParent(current.context());
        }
        return builder.start();
    }

    /** A span that started at {@code startedNanos} (a {@link System#nanoTime()} reading) and ends now. */
    void past(String name, Span parent, long startedNanos, long endedNanos) {
        if (!on() || parent == null) {
            return;
        }
        long nowMicros = TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
        long nowNanos = System.nanoTime();
        Span span = tracer.spanBuilder().setParent(parent.context()).name(name)
                .startTimestamp(nowMicros - (nowNanos - startedNanos) / 1_000, TimeUnit.MICROSECONDS).start();
        span.end(nowMicros - (nowNanos - endedNanos) / 1_000, TimeUnit.MICROSECONDS);
    }

    /** Runs with {@code span} current, so the spans made meanwhile are its children. */
    Tracer.SpanInScope scope(Span span) {
        return span == null ? null : tracer.withSpan(span);
    }
}

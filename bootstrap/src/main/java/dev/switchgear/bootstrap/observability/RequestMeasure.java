package dev.switchgear.bootstrap.observability;

/**
 * What one completion request collects on its way, for its meters: the upstream attempts' time
 * (so the gateway's own overhead is the request's time less that), when the first chunk reached
 * the gateway, and the attempt that answered (its provider, catalog model and key source). One
 * object per request, held in a thread-local while the request runs on its (virtual) thread: the
 * use case and the provider decorator meet through it without either knowing the other.
 */
final class RequestMeasure {

    private static final ThreadLocal<RequestMeasure> CURRENT = new ThreadLocal<>();

    final long startedNanos;
    long upstreamNanos;
    long firstChunkNanos;
    int attempts;
    String provider = GatewayMeters.NONE;
    String responseModel = GatewayMeters.NONE;
    String keySource = GatewayMeters.NONE;
    String lastFailureCause;
    String lastFailedProvider;
    /** For the spans: the request's span, when its first attempt began, when the answering one ended. */
    io.micrometer.tracing.Span span;
    long firstAttemptNanos;
    long answeredNanos;

    private RequestMeasure(long startedNanos) {
        this.startedNanos = startedNanos;
    }

    static RequestMeasure begin() {
        RequestMeasure measure = new RequestMeasure(System.nanoTime());
        CURRENT.set(measure);
        return measure;
    }

    /** The request running on this thread, or null outside one (a probe, a key test). */
    static RequestMeasure current() {
        return CURRENT.get();
    }

    static void end() {
        CURRENT.remove();
    }
}

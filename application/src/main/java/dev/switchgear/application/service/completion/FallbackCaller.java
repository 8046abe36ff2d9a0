package dev.switchgear.application.service.completion;

import dev.switchgear.application.port.in.completion.CompletionError;
import dev.switchgear.application.port.in.completion.CompletionException;
import dev.switchgear.application.port.out.completion.UpstreamCall;
import dev.switchgear.application.port.out.completion.UpstreamCredential;
import dev.switchgear.application.port.out.completion.UpstreamException;
import dev.switchgear.application.port.out.routing.ProviderHealth;
import dev.switchgear.application.service.keyring.ByokKeys;
import dev.switchgear.domain.routing.api.Endpoint;
import dev.switchgear.domain.routing.api.RoutingTrace;
import dev.switchgear.domain.shared.AccountId;
import java.util.List;
import java.util.Locale;

/**
 * Calls a route's candidates in order: a retryable failure (the provider could not be reached,
 * timed out, rate limited or failed) moves on to the next before anything reached the caller,
 * within the attempt limit and the request's deadline; a rejection, or running out of candidates or
 * time, fails with the last failure in the completion's own terms. Each failure that says something
 * about the provider's health is reported to it; the caller's own key is decrypted for the attempt
 * that uses it, never kept.
 */
final class FallbackCaller {

    private final ProviderHealth health;
    private final ByokKeys byok;

    FallbackCaller(ProviderHealth health, ByokKeys byok) {
        this.health = health;
        this.byok = byok;
    }

    /** One try of one candidate: the upstream call to make, and when the attempt started. */
    record Attempt(Candidate candidate, UpstreamCall call, long startedNanos) {
    }

    @FunctionalInterface
    interface Send<T> {
        T send(Attempt attempt);
    }

    /**
     * Tries {@code route}'s candidates for {@code account}, recording each failed try in
     * {@code attempts}; returns what {@code send} returned for the first that succeeded.
     */
    <T> T call(AccountId account, Route route, RequestShape request, List<RoutingTrace.Attempt> attempts,
               long deadlineNanos, Send<T> send) {
        UpstreamException last = null;
        UpstreamCredential lastOwn = null;
        for (Candidate candidate : route.candidates()) {
            if (last != null && System.nanoTime() > deadlineNanos) {
                break;
            }
            UpstreamCredential own = candidate.own()
                    ? byok.credentialFor(account, candidate.model().provider())
                    .map(key -> new UpstreamCredential(key.apiKey(), key.baseUrl())).orElse(null) : null;
            if (candidate.own() && own == null) {
                continue; // the key went away (removed or shredded) since routing
            }
            UpstreamCall call = new UpstreamCall(candidate.model().upstreamModel(), request.body(),
                    request.callerSetMaxTokens() ? null : candidate.model().defaultMaxOutputTokens(),
                    request.usageChunkForCaller(), own, request.endpoint());
            long started = System.nanoTime();
            try {
                return send.send(new Attempt(candidate, call, started));
            } catch (UpstreamException e) {
                long elapsed = System.nanoTime() - started;
                if (countsAgainstProvider(e, own)) {
                    health.recordFailure(candidate.model().provider(), candidate.model().id(), elapsed, e.kind().name());
                }
                attempts.add(new RoutingTrace.Attempt(candidate.model().id(), candidate.model().provider(),
                        own != null, e.kind().name().toLowerCase(Locale.ROOT) + (e.status() > 0 ? " " + e.status() : ""),
                        elapsed / 1_000_000));
                last = e;
                lastOwn = own;
                if (e.kind() == UpstreamException.Kind.REJECTED) {
                    break;
                }
            }
        }
        if (last == null) {
            throw new CompletionException(CompletionError.OWN_KEY_REQUIRED, "Your own provider key for `"
                    + request.model() + "` is no longer available");
        }
        throw translate(last, lastOwn);
    }

    /** What the caller asked for that shapes every upstream call. */
    record RequestShape(String model, byte[] body, boolean callerSetMaxTokens, boolean usageChunkForCaller,
                        Endpoint endpoint) {
    }

    /**
     * Whether a failure says something about the provider's health: it was unavailable, or it rate
     * limited the platform's key. A request it rejected (4xx) or a limit on a caller's own key is
     * about that request or that caller, and must not open the circuit for everyone else.
     */
    private static boolean countsAgainstProvider(UpstreamException e, UpstreamCredential own) {
        return e.kind() == UpstreamException.Kind.UNAVAILABLE && !(own != null && (e.status() == 401 || e.status() == 403))
                || e.kind() == UpstreamException.Kind.RATE_LIMITED && own == null;
    }

    private static CompletionException translate(UpstreamException e, UpstreamCredential own) {
        String message = own == null ? e.getMessage() : own.scrub(e.getMessage());
        return switch (e.kind()) {
            case REJECTED -> new CompletionException(CompletionError.UPSTREAM_REJECTED, message, e.status(),
                    e.retryAfter());
            case RATE_LIMITED -> new CompletionException(CompletionError.UPSTREAM_RATE_LIMITED, message,
                    e.status(), e.retryAfter());
            case UNAVAILABLE -> new CompletionException(CompletionError.UPSTREAM_UNAVAILABLE, message,
                    e.status(), e.retryAfter());
        };
    }
}

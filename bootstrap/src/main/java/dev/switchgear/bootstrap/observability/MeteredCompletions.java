package dev.switchgear.bootstrap.observability;

import dev.switchgear.application.port.in.completion.ChatCompletion;
import dev.switchgear.application.port.in.completion.ChatRequest;
import dev.switchgear.application.port.in.completion.ChunkSink;
import dev.switchgear.application.port.in.completion.ClientGoneException;
import dev.switchgear.application.port.in.completion.CompleteChatUseCase;
import dev.switchgear.application.port.in.completion.CompletionError;
import dev.switchgear.application.port.in.completion.CompletionException;
import dev.switchgear.application.port.in.completion.FailureWithRateLimits;
import dev.switchgear.application.port.in.completion.StreamedCompletion;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.domain.credit.CreditException;
import io.micrometer.tracing.Tracer;
import java.util.Locale;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The completion use case with its meters: each request's duration, the gateway's overhead, time to
 * first token, tokens and cost by route, model, provider and key source, and rate-limit refusals.
 * Decorates the use case, so every route that completes through it (OpenAI's and Anthropic's) is
 * measured the same way, and the application layer stays free of Micrometer. Each request is a
 * span too ({@code chat <model>}), in scope while it runs, so its attempts' spans are its children.
 */
final class MeteredCompletions implements CompleteChatUseCase {

    private static final String UNKNOWN_ROUTE = "other";
    private static final String SPAN = GatewayMeters.OPERATION;

    private final CompleteChatUseCase delegate;
    private final GatewayMeters meters;

    MeteredCompletions(CompleteChatUseCase delegate, GatewayMeters meters) {
        this.delegate = delegate;
        this.meters = meters;
    }

    @Override
    public ChatCompletion complete(Caller caller, ChatRequest request) {
        RequestMeasure measure = RequestMeasure.begin();
        measure.span = meters.spans().start(SPAN);
        try (Tracer.SpanInScope scope = meters.spans().scope(measure.span)) {
            ChatCompletion completion = delegate.complete(caller, request);
            meters.request(route(), request.model(), measure, GatewayMeters.NONE, completion.usage(),
                    completion.replayed() ? 0 : completion.charged().value());
            return completion;
        } catch (RuntimeException e) {
            failed(request, measure, e);
            throw e;
        } finally {
            RequestMeasure.end();
        }
    }

    @Override
    public StreamedCompletion stream(Caller caller, ChatRequest request, ChunkSink sink) {
        RequestMeasure measure = RequestMeasure.begin();
        measure.span = meters.spans().start(SPAN);
        try (Tracer.SpanInScope scope = meters.spans().scope(measure.span)) {
            StreamedCompletion streamed = delegate.stream(caller, request, sink);
            meters.request(route(), request.model(), measure,
                    streamed.failure().isPresent() ? "upstream_stream_failed" : GatewayMeters.NONE, streamed.usage(),
                    streamed.replayed() ? 0 : streamed.charged().value());
            return streamed;
        } catch (RuntimeException e) {
            failed(request, measure, e);
            throw e;
        } finally {
            RequestMeasure.end();
        }
    }

    private void failed(ChatRequest request, RequestMeasure measure, RuntimeException thrown) {
        // what the rate-limit gate wraps to carry the limits to the answer's headers
        RuntimeException e = thrown instanceof FailureWithRateLimits limited ? limited.failure() : thrown;
        String errorType = errorType(e);
        if (e instanceof CompletionException completion) {
            if (completion.code() == CompletionError.RATE_LIMITED_REQUESTS) {
                meters.refused("requests");
            } else if (completion.code() == CompletionError.RATE_LIMITED_TOKENS) {
                meters.refused("tokens");
            }
        }
        meters.request(route(), request.model(), measure, errorType, null, 0);
    }

    /** A closed set: the error codes of our enums, else the conventions' {@code _OTHER}. */
    private static String errorType(RuntimeException e) {
        if (e instanceof CompletionException completion) {
            return completion.code().name().toLowerCase(Locale.ROOT);
        }
        if (e instanceof CreditException credit) {
            return credit.code().name().toLowerCase(Locale.ROOT);
        }
        if (e instanceof IdentityException identity) {
            return identity.code().name().toLowerCase(Locale.ROOT);
        }
        if (e instanceof ClientGoneException) {
            return "client_gone";
        }
        return "_OTHER";
    }

    /** The route template Spring MVC matched (never the raw path), or {@code other}. */
    private static String route() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        Object pattern = attributes == null ? null
                : attributes.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        return pattern instanceof String template ? template : UNKNOWN_ROUTE;
    }
}

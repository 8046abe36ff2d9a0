package dev.switchgear.adapter.rest;

import dev.switchgear.application.port.in.completion.CompletionError;
import dev.switchgear.application.port.in.completion.CompletionException;
import dev.switchgear.application.port.in.completion.FailureWithRateLimits;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import dev.switchgear.application.port.in.shared.IdentityException;
import dev.switchgear.application.port.out.audit.ProjectionRefused;
import dev.switchgear.application.port.out.billing.PaymentEventRejected;
import dev.switchgear.application.port.out.billing.PaymentGatewayUnavailable;
import dev.switchgear.application.port.out.keyring.EgressRefusedException;
import dev.switchgear.domain.credit.CreditException;
import dev.switchgear.domain.keyring.KeyringException;
import dev.switchgear.domain.routing.RoutingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.regex.Pattern;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Maps every failure to a status and OpenAI's error shape. Refusals carry their own safe message;
 * anything unexpected is logged and answered with a generic 500 that reveals nothing. Errors are
 * always JSON, whatever the request's {@code Accept} asked for (the content type is set, so no
 * negotiation can turn an error into an empty 406).
 */
@RestControllerAdvice
public class RestErrorHandling {

    private static final Logger LOG = LoggerFactory.getLogger(RestErrorHandling.class);
    /** What a message that names code looks like: a package, a class ending in Exception, SQL. */
    private static final Pattern INTERNAL_NAME = Pattern.compile(
            "\\b(dev\\.switchgear|java\\.|javax\\.|jakarta\\.|org\\.[a-z]|com\\.[a-z])|[A-Z][A-Za-z]*(Exception|Error)\\b"
                    + "|\\bSQL");

    @ExceptionHandler(CreditException.class)
    ResponseEntity<OpenAiError> credit(CreditException e) {
        return switch (e.code()) {
            case ACCOUNT_NOT_FOUND -> error(HttpStatus.NOT_FOUND, e.getMessage(), "invalid_request_error", "account_not_found");
            case INSUFFICIENT_CREDITS -> error(HttpStatus.PAYMENT_REQUIRED, e.getMessage(), "insufficient_quota",
                    "insufficient_credits");
            case MONTHLY_CAP_REACHED -> error(HttpStatus.PAYMENT_REQUIRED, e.getMessage(), "insufficient_quota",
                    "monthly_cap_reached");
            case REQUEST_ALREADY_CHARGED -> error(HttpStatus.CONFLICT, e.getMessage(), "invalid_request_error",
                    "request_already_charged");
            case REQUEST_IN_PROGRESS -> error(HttpStatus.CONFLICT, e.getMessage(), "invalid_request_error",
                    "request_in_progress");
            case ACCOUNT_ALREADY_OPEN -> error(HttpStatus.CONFLICT, e.getMessage(), "invalid_request_error",
                    "account_exists");
            case API_KEY_NOT_FOUND -> error(HttpStatus.NOT_FOUND, e.getMessage(), "invalid_request_error",
                    "api_key_not_found");
            case TOO_MANY_API_KEYS -> error(HttpStatus.CONFLICT, e.getMessage(), "invalid_request_error",
                    "too_many_api_keys");
            case INVALID_AMOUNT, INVALID_ACCOUNT, INVALID_PREFERENCE, INVALID_API_KEY, INVALID_LIMIT ->
                    error(HttpStatus.BAD_REQUEST, e.getMessage(), "invalid_request_error", e.code().name().toLowerCase());
        };
    }

    @ExceptionHandler(KeyringException.class)
    ResponseEntity<OpenAiError> keyring(KeyringException e) {
        return switch (e.code()) {
            case TIER_FORBIDS_BYOK -> error(HttpStatus.FORBIDDEN, e.getMessage(), "invalid_request_error",
                    "upgrade_required");
            case KEY_LIMIT_REACHED -> error(HttpStatus.CONFLICT, e.getMessage(), "invalid_request_error",
                    "key_limit_reached");
            case INVALID_KEY -> error(HttpStatus.BAD_REQUEST, e.getMessage(), "invalid_request_error", "invalid_key");
            case KEY_NOT_FOUND -> error(HttpStatus.NOT_FOUND, e.getMessage(), "invalid_request_error", "key_not_found");
        };
    }

    @ExceptionHandler(RoutingException.class)
    ResponseEntity<OpenAiError> routing(RoutingException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage(), "invalid_request_error", "invalid_routing_change");
    }

    @ExceptionHandler(PaymentEventRejected.class)
    ResponseEntity<OpenAiError> paymentEventRejected(PaymentEventRejected e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage(), "invalid_request_error", "invalid_webhook");
    }

    @ExceptionHandler(PaymentGatewayUnavailable.class)
    ResponseEntity<OpenAiError> paymentGatewayUnavailable(PaymentGatewayUnavailable e) {
        return error(HttpStatus.BAD_GATEWAY, e.getMessage(), "server_error", "payment_provider_unavailable");
    }

    @ExceptionHandler(EgressRefusedException.class)
    ResponseEntity<OpenAiError> egress(EgressRefusedException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage(), "invalid_request_error", "endpoint_not_allowed");
    }

    @ExceptionHandler(IdentityException.class)
    ResponseEntity<OpenAiError> identity(IdentityException e) {
        return switch (e.code()) {
            case UNAUTHENTICATED -> error(HttpStatus.UNAUTHORIZED, e.getMessage(), "invalid_request_error", "invalid_api_key");
            case ADMIN_REQUIRED, ACCOUNT_KEY_REQUIRED -> error(HttpStatus.FORBIDDEN, e.getMessage(),
                    "invalid_request_error", "permission_denied");
        };
    }

    @ExceptionHandler(CompletionException.class)
    ResponseEntity<OpenAiError> completion(CompletionException e) {
        return switch (e.code()) {
            case INVALID_REQUEST -> error(HttpStatus.BAD_REQUEST, e.getMessage(), "invalid_request_error", null);
            case MODEL_NOT_FOUND -> error(HttpStatus.NOT_FOUND, e.getMessage(), "invalid_request_error", "model_not_found");
            case OWN_KEY_REQUIRED -> error(HttpStatus.BAD_REQUEST, e.getMessage(), "invalid_request_error",
                    "own_key_required");
            case MODEL_NOT_ALLOWED -> error(HttpStatus.FORBIDDEN, e.getMessage(), "invalid_request_error",
                    "model_not_allowed");
            case NO_ELIGIBLE_MODEL -> error(HttpStatus.BAD_REQUEST, e.getMessage(), "invalid_request_error",
                    "no_eligible_model");
            case MODEL_NOT_SUPPORTED_FOR_ENDPOINT -> error(HttpStatus.BAD_REQUEST, e.getMessage(),
                    "invalid_request_error", "model_not_supported_for_endpoint");
            case UPSTREAM_REJECTED -> e.upstreamStatus() == 401 || e.upstreamStatus() == 403
                    ? error(HttpStatus.BAD_REQUEST, e.getMessage(), "invalid_request_error", "provider_key_rejected")
                    : error(HttpStatus.valueOf(clientStatus(e.upstreamStatus())), e.getMessage(),
                    "invalid_request_error", "upstream_rejected");
            case UPSTREAM_RATE_LIMITED -> {
                ResponseEntity.BodyBuilder builder = ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                        .contentType(MediaType.APPLICATION_JSON);
                e.retryAfter().ifPresent(d -> builder.header(HttpHeaders.RETRY_AFTER,
                        Long.toString(Math.max(1, d.toSeconds()))));
                yield builder.body(OpenAiError.of(e.getMessage(), "rate_limit_error", "rate_limit_exceeded"));
            }
            case UPSTREAM_UNAVAILABLE -> error(HttpStatus.BAD_GATEWAY, e.getMessage(), "server_error", "upstream_unavailable");
            case CHARGE_NOT_RECORDED -> error(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), "server_error",
                    "charge_not_recorded");
            case REQUEST_ID_REUSED -> error(HttpStatus.CONFLICT, e.getMessage(), "invalid_request_error",
                    "request_id_reused");
            case ANSWER_NOT_KEPT -> error(HttpStatus.CONFLICT, e.getMessage(), "invalid_request_error",
                    "request_already_charged");
            case RATE_LIMITED_REQUESTS, RATE_LIMITED_TOKENS -> ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.RETRY_AFTER, RateLimitHeaders.retryAfter(e.retryAfter().orElse(Duration.ZERO)))
                    .body(OpenAiError.of(e.getMessage(),
                            e.code() == CompletionError.RATE_LIMITED_TOKENS ? "tokens" : "requests",
                            "rate_limit_exceeded"));
        };
    }

    /** A completion's failure with the account's rate-limit budgets: the failure's answer, with their headers. */
    @ExceptionHandler(FailureWithRateLimits.class)
    ResponseEntity<OpenAiError> withRateLimits(FailureWithRateLimits e, HttpServletResponse response) {
        return handle(e, response);
    }

    /** A rebuild refused (ADR 0025): an unknown projection 404; a side-effect processor, a running rebuild or tokens held by another node 409. */
    @ExceptionHandler(ProjectionRefused.class)
    ResponseEntity<OpenAiError> projectionRefused(ProjectionRefused e) {
        return switch (e.reason()) {
            case UNKNOWN_PROJECTION -> error(HttpStatus.NOT_FOUND, e.getMessage(), "invalid_request_error",
                    "projection_not_found");
            case NOT_REBUILDABLE -> error(HttpStatus.CONFLICT, e.getMessage(), "invalid_request_error",
                    "projection_not_rebuildable");
            case REBUILD_RUNNING -> error(HttpStatus.CONFLICT, e.getMessage(), "invalid_request_error",
                    "rebuild_running");
            case CLAIMED_ELSEWHERE -> error(HttpStatus.CONFLICT, e.getMessage(), "invalid_request_error",
                    "processor_claimed_elsewhere");
        };
    }

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<OpenAiError> badRequest(BadRequestException e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(new OpenAiError(new OpenAiError.Body(e.getMessage(),
                "invalid_request_error", e.param(), null)));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<OpenAiError> unreadable(HttpMessageNotReadableException e) {
        if (causedBy(e, RequestSizeLimitFilter.BodyTooLargeException.class)) {
            return tooLarge(e);
        }
        return error(HttpStatus.BAD_REQUEST, "The request body could not be read as JSON", "invalid_request_error", null);
    }

    @ExceptionHandler(RequestSizeLimitFilter.BodyTooLargeException.class)
    ResponseEntity<OpenAiError> tooLarge(Exception e) {
        return error(HttpStatus.PAYLOAD_TOO_LARGE, "The request body is larger than the gateway accepts",
                "invalid_request_error", "request_too_large");
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** A value in a refusal of our own code; a library's message (which may name its classes) is not shown. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<OpenAiError> illegalArgument(IllegalArgumentException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank() || INTERNAL_NAME.matcher(message).find()) {
            message = "The request has an invalid value";
        }
        return error(HttpStatus.BAD_REQUEST, message, "invalid_request_error", null);
    }

    /** A query parameter, path segment or header that does not convert to its type ({@code ?page=abc}). */
    @ExceptionHandler(TypeMismatchException.class)
    ResponseEntity<OpenAiError> typeMismatch(TypeMismatchException e) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        String expected = e.getRequiredType() == null ? "value" : switch (e.getRequiredType().getSimpleName()) {
            case "int", "Integer" -> "whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
            case "long", "Long" -> "whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
            case "boolean", "Boolean" -> "true or false";
            default -> "value";
        };
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(new OpenAiError(new OpenAiError.Body(
                "`" + name + "` must be a " + expected, "invalid_request_error", name, null)));
    }

    /**
     * A query parameter's name or value the firewall refuses (a control character): Spring Security
     * checks parameters when they are first read, inside the handler, after its filter has passed.
     * The reason is not echoed; it quotes what was sent.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<OpenAiError> rejectedParameter(RequestRejectedException e) {
        return error(HttpStatus.BAD_REQUEST, "The request was rejected: a query parameter's name or value holds a "
                + "control character or an unassigned code point.", "invalid_request_error", "request_rejected");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<OpenAiError> missingParameter(MissingServletRequestParameterException e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(new OpenAiError(new OpenAiError.Body(
                "the query parameter `" + e.getParameterName() + "` is required", "invalid_request_error",
                e.getParameterName(), null)));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<OpenAiError> unexpected(Exception e) {
        if (causedBy(e, RequestSizeLimitFilter.BodyTooLargeException.class)) {
            return tooLarge(e);
        }
        if (e instanceof ErrorResponse framework && framework.getStatusCode().is4xxClientError()) {
            HttpStatus status = HttpStatus.valueOf(framework.getStatusCode().value());
            return error(status, status.getReasonPhrase(), "invalid_request_error", null);
        }
        LOG.error("unexpected failure", e);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "The server had an error while processing your request",
                "server_error", null);
    }

    /**
     * The same mapping for a caller that renders the error in another vendor's shape; rate-limit
     * headers a failure carries are set on {@code response}.
     */
    ResponseEntity<OpenAiError> handle(Exception e, HttpServletResponse response) {
        if (e instanceof FailureWithRateLimits limited) {
            RateLimitHeaders.write(response, limited.limits());
            return handle(limited.failure());
        }
        return handle(e);
    }

    /** The same mapping for a caller that renders the error in another vendor's shape. */
    ResponseEntity<OpenAiError> handle(Exception e) {
        if (e instanceof CreditException credit) {
            return credit(credit);
        }
        if (e instanceof IdentityException identity) {
            return identity(identity);
        }
        if (e instanceof RoutingException routing) {
            return routing(routing);
        }
        if (e instanceof KeyringException keyring) {
            return keyring(keyring);
        }
        if (e instanceof CompletionException completion) {
            return completion(completion);
        }
        if (e instanceof BadRequestException bad) {
            return badRequest(bad);
        }
        if (e instanceof HttpMessageNotReadableException unreadable) {
            return unreadable(unreadable);
        }
        if (e instanceof IllegalArgumentException illegal) {
            return illegalArgument(illegal);
        }
        if (e instanceof TypeMismatchException mismatch) {
            return typeMismatch(mismatch);
        }
        if (e instanceof MissingServletRequestParameterException missing) {
            return missingParameter(missing);
        }
        if (e instanceof RequestRejectedException rejected) {
            return rejectedParameter(rejected);
        }
        return unexpected(e);
    }

    private static int clientStatus(int upstream) {
        return upstream >= 400 && upstream < 500 ? upstream : HttpStatus.BAD_REQUEST.value();
    }

    private static ResponseEntity<OpenAiError> error(HttpStatus status, String message, String type, String code) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(OpenAiError.of(message, type, code));
    }
}

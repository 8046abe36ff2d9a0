package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The answers Spring Security gives before any controller runs, in the route's own error shape
 * (Anthropic's on {@code /v1/messages}, OpenAI's everywhere else): 401 for a missing or wrong key
 * (with {@code WWW-Authenticate: Bearer}), 403 for a caller without the admin role, 429 for an
 * address that failed to authenticate too often, and 400 for a request the firewall refuses (an
 * encoded or parameter spelling of a path, a control character, ...). No answer repeats anything
 * the request sent: a rejected header or path may carry a key.
 */
public final class ApiSecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    static final String NO_KEY = "You didn't provide an API key. Send it as `Authorization: Bearer <key>`.";
    static final String WRONG_KEY = "Incorrect API key provided.";
    static final String INVALID_TOKEN = "The bearer token is not valid (signature, issuer, audience or lifetime).";

    private final ObjectMapper json;

    public ApiSecurityErrors(ObjectMapper json) {
        this.json = json;
    }

    /** 401: {@link BadCredentialsException} means a key came and is wrong, anything else that none came. */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String message = e instanceof SignInTokenProvider.InvalidSignInToken ? INVALID_TOKEN
                : e instanceof BadCredentialsException ? WRONG_KEY : NO_KEY;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        write(response, HttpServletResponse.SC_UNAUTHORIZED, anthropic(request)
                ? MessagesController.AnthropicError.of("authentication_error", message)
                : OpenAiError.of(message, "invalid_request_error", "invalid_api_key"));
    }

    /** 403: an authenticated caller on a route for the administrator. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        String message = "this call needs the admin key";
        write(response, HttpServletResponse.SC_FORBIDDEN, anthropic(request)
                ? MessagesController.AnthropicError.of("permission_error", message)
                : OpenAiError.of(message, "invalid_request_error", "permission_denied"));
    }

    /** 400: the firewall refused the request; the reason is not echoed, it may quote what was sent. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        response.setHeader(HttpHeaders.CONNECTION, "close");
        String message = "The request was rejected: its path or a header is not in a form the gateway accepts "
                + "(encoded or doubled separators, path parameters, control characters).";
        write(response, HttpServletResponse.SC_BAD_REQUEST, anthropic(request)
                ? MessagesController.AnthropicError.of("invalid_request_error", message)
                : OpenAiError.of(message, "invalid_request_error", "request_rejected"));
    }

    /** 429: too many failed authentications from the caller's address; retry after {@code wait}. */
    public void tooManyFailures(HttpServletRequest request, HttpServletResponse response, Duration wait)
            throws IOException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        String message = "Too many failed authentications from your address. Retry after " + seconds + " s.";
        write(response, 429, anthropic(request)
                ? MessagesController.AnthropicError.of("rate_limit_error", message)
                : OpenAiError.of(message, "rate_limit_error", "too_many_failed_authentications"));
    }

    /** 503: a sign-in token could not be checked because the identity provider's keys cannot be fetched. */
    public void identityProviderUnavailable(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, "5");
        String message = "The identity provider cannot be reached to check the bearer token. Retry shortly.";
        write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, anthropic(request)
                ? MessagesController.AnthropicError.of("api_error", message)
                : OpenAiError.of(message, "api_error", "identity_provider_unavailable"));
    }

    private static boolean anthropic(HttpServletRequest request) {
        return AnthropicRoutes.matches(request);
    }

    private void write(HttpServletResponse response, int status, Object body)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body);
    }
}

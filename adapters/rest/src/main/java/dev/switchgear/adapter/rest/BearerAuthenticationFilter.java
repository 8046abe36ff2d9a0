package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.application.port.in.identity.AuthenticateUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates every call under {@code /v1/} and {@code /api/} by its key (the admin key or an
 * account key), sent as {@code Authorization: Bearer} or, as Anthropic's SDKs do, {@code x-api-key},
 * and puts the {@link Caller} into the request as attribute {@link #CALLER}. A
 * missing or unknown key is answered with 401 in OpenAI's error shape before any controller runs.
 */
@Component
public class BearerAuthenticationFilter extends OncePerRequestFilter {

    public static final String CALLER = "switchgear.caller";
    private static final String BEARER = "Bearer ";

    private final AuthenticateUseCase authenticate;
    private final ObjectMapper json;

    public BearerAuthenticationFilter(AuthenticateUseCase authenticate, ObjectMapper json) {
        this.authenticate = authenticate;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.startsWith("/v1/") || path.startsWith("/api/")) || path.equals(BillingWebhookController.PATH);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        String anthropicKey = request.getHeader("x-api-key");
        Optional<Caller> caller = Optional.empty();
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            caller = authenticate.authenticate(header.substring(BEARER.length()).strip());
        } else if (anthropicKey != null) {
            caller = authenticate.authenticate(anthropicKey.strip());
        }
        if (caller.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Bearer");
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            boolean missing = header == null && anthropicKey == null;
            String message = missing
                    ? "You didn't provide an API key. Send it as `Authorization: Bearer <key>`."
                    : "Incorrect API key provided.";
            Object body = request.getRequestURI().startsWith(request.getContextPath() + "/v1/messages")
                    ? MessagesController.AnthropicError.of("authentication_error", message)
                    : OpenAiError.of(message, "invalid_request_error", "invalid_api_key");
            json.writeValue(response.getOutputStream(), body);
            return;
        }
        request.setAttribute(CALLER, caller.get());
        chain.doFilter(request, response);
    }
}

package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before any controller runs, a request whose {@code Accept} header cannot be read or
 * accepts neither JSON nor Server-Sent Events, the only things the API answers with. Without
 * this, a change (a grant, new routing rules) would be made and only its answer refused with 406,
 * so the client would see a refusal for a request that took effect.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class AcceptHeaderFilter extends OncePerRequestFilter {

    private static final List<MediaType> ANSWERS = List.of(MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM);

    private final ObjectMapper json;

    public AcceptHeaderFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.startsWith("/v1/") || path.startsWith("/api/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (acceptable(request.getHeaders("Accept"))) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_NOT_ACCEPTABLE);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        String message = "The Accept header must allow application/json (or text/event-stream for a stream)";
        Object body = AnthropicRoutes.matches(request)
                ? MessagesController.AnthropicError.of("invalid_request_error", message)
                : OpenAiError.of(message, "invalid_request_error", "not_acceptable");
        json.writeValue(response.getOutputStream(), body);
    }

    private static boolean acceptable(java.util.Enumeration<String> headers) {
        if (headers == null || !headers.hasMoreElements()) {
            return true;
        }
        StringBuilder all = new StringBuilder();
        while (headers.hasMoreElements()) {
            all.append(all.isEmpty() ? "" : ",").append(headers.nextElement());
        }
        if (all.toString().isBlank()) {
            return true;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(all.toString());
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (MediaType type : accepted) {
            for (MediaType answer : ANSWERS) {
                if (type.isCompatibleWith(answer) && type.getQualityValue() > 0) {
                    return true;
                }
            }
        }
        return false;
    }
}

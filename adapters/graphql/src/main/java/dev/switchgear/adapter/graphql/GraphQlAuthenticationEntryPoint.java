package dev.switchgear.adapter.graphql;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * HTTP 401 for {@code /graphql} without a valid key, with a GraphQL error body
 * ({@code {"errors":[{"message", "extensions":{"classification":"UNAUTHORIZED"}}]}}) as the GraphQL
 * over HTTP specification allows for a request refused before execution.
 */
public class GraphQlAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final ObjectMapper json;

    public GraphQlAuthenticationEntryPoint(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String message = e instanceof BadCredentialsException ? "Incorrect API key provided."
                : "Send an API key as `Authorization: Bearer <key>`";
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Map.of("errors", List.of(Map.of("message", message,
                "extensions", Map.of("classification", ErrorType.UNAUTHORIZED.name())))));
    }
}

package dev.switchgear.adapter.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A {@code POST} to the GraphQL path whose body is JSON {@code null} is refused with 400 in
 * GraphQL's error shape: Spring GraphQL reads it as no request at all and fails inside. Any other
 * body is handed on unchanged (Spring GraphQL refuses the rest of what it cannot read itself).
 */
public class GraphQlBodyFilter extends OncePerRequestFilter {

    private final String path;
    private final ObjectMapper json;

    public GraphQlBodyFilter(String path, ObjectMapper json) {
        this.path = path;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !request.getRequestURI().substring(request.getContextPath().length()).equals(path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readAllBytes();
        if (isJsonNull(body)) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            json.writeValue(response.getOutputStream(), Map.of("errors", List.of(Map.of("message",
                    "The request body must be a JSON object with a `query`"))));
            return;
        }
        chain.doFilter(new CachedBody(request, body), response);
    }

    private boolean isJsonNull(byte[] body) {
        try {
            JsonNode root = json.readTree(body);
            return root != null && root.isNull();
        } catch (IOException unreadable) {
            return false;
        }
    }

    /** The request with its body read once and offered again. */
    private static final class CachedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    // as the Servlet API specifies for a request that is not asynchronous
                    throw new IllegalStateException("the body is read blocking; the request is not asynchronous");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}

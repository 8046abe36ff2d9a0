package dev.switchgear.adapter.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * What every endpoint of the simulator shares: authorisation, reading the posted JSON, answering
 * in OpenAI's error shape, the injected faults (ADR 0031) and Server-Sent Events.
 */
final class SimulatorExchange {

    private final ObjectMapper json;
    private final Optional<String> apiKey;
    private final FaultInjector faults;
    private final Duration chunkDelay;

    SimulatorExchange(ObjectMapper json, Optional<String> apiKey, Faults faults, FaultInjector injector) {
        this.json = json;
        this.apiKey = apiKey;
        this.faults = injector;
        this.chunkDelay = faults.chunkDelay();
    }

    ObjectMapper json() {
        return json;
    }

    /** Wraps an endpoint: during the scheduled outage every request is answered 503, whatever it asks. */
    HttpHandler guarded(HttpHandler endpoint) {
        return exchange -> {
            if (faults.down()) {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    exchange.getResponseHeaders().set("Retry-After", Long.toString(faults.secondsUntilUp()));
                    error(exchange, 503, "server_error", "service_unavailable",
                            "The simulator is down (scheduled outage)");
                }
                return;
            }
            endpoint.handle(exchange);
        };
    }

    /** The JSON body of an authorised POST, or null when the exchange was already answered with an error. */
    private JsonNode postedJson(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            error(exchange, 405, "invalid_request_error", "method_not_allowed", "Use POST");
            return null;
        }
        if (!authorised(exchange)) {
            error(exchange, 401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided");
            return null;
        }
        JsonNode request;
        try (InputStream in = exchange.getRequestBody()) {
            request = json.readTree(in);
        } catch (IOException e) {
            request = null;
        }
        if (request == null || !request.isObject()) {
            error(exchange, 400, "invalid_request_error", null, "The body is not a JSON object");
            return null;
        }
        return request;
    }

    boolean authorised(HttpExchange exchange) {
        return apiKey.map(key -> ("Bearer " + key).equals(exchange.getRequestHeaders().getFirst("Authorization")))
                .orElse(true);
    }

    /**
     * Applies this answer's latency and jitter, then answers the injected error, if it drew one.
     *
     * @return true when the exchange was answered with an error
     */
    boolean faulted(HttpExchange exchange) throws IOException {
        FaultInjector.Fate fate = faults.next();
        sleep(fate.delay());
        switch (fate.errorStatus()) {
            case 0 -> {
                return false;
            }
            case 429 -> {
                exchange.getResponseHeaders().set("Retry-After", "1");
                error(exchange, 429, "requests", "rate_limit_exceeded",
                        "Rate limit reached for requests (simulated)");
            }
            case 503 -> error(exchange, 503, "server_error", "overloaded", "The simulator is overloaded (simulated)");
            default -> error(exchange, fate.errorStatus(), "server_error", null,
                    "The server had an error while processing your request (simulated)");
        }
        return true;
    }

    /**
     * The JSON body of an authorised POST naming {@code model}, or null when the exchange was already
     * answered with an error (not JSON, not authorised, another model).
     */
    JsonNode postedFor(HttpExchange exchange, String model) throws IOException {
        JsonNode request = postedJson(exchange);
        if (request == null) {
            return null;
        }
        if (!model.equals(request.path("model").asText())) {
            modelNotFound(exchange, request);
            return null;
        }
        return request;
    }

    private void modelNotFound(HttpExchange exchange, JsonNode request) throws IOException {
        error(exchange, 404, "invalid_request_error", "model_not_found",
                "The model `" + (request == null ? "" : request.path("model").asText()) + "` does not exist");
    }

    void error(HttpExchange exchange, int status, String type, String code, String message) throws IOException {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        if (status == 503 && !exchange.getResponseHeaders().containsKey("Retry-After")) {
            exchange.getResponseHeaders().set("Retry-After", "1");
        }
        send(exchange, status, body);
    }

    void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Starts a Server-Sent Events answer; its events are paced by the chunk delay. */
    Events events(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        return new Events(exchange.getResponseBody());
    }

    /** A stream of {@code data:} events ending in {@code [DONE]}, the chunk delay between any two. */
    final class Events implements AutoCloseable {
        private final OutputStream out;
        private boolean first = true;

        private Events(OutputStream out) {
            this.out = out;
        }

        void event(JsonNode chunk) throws IOException {
            pace();
            out.write("data: ".getBytes(StandardCharsets.US_ASCII));
            out.write(json.writeValueAsBytes(chunk));
            out.write("\n\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        void done() throws IOException {
            pace();
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        private void pace() {
            if (!first) {
                sleep(chunkDelay);
            }
            first = false;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private static void sleep(Duration delay) {
        if (!delay.isZero()) {
            try {
                java.util.concurrent.TimeUnit.NANOSECONDS.sleep(delay.toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

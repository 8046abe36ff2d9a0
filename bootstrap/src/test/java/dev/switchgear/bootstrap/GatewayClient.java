package dev.switchgear.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP calls to a running gateway, for the end-to-end tests. */
final class GatewayClient {

    static final String ADMIN_KEY = "sg-admin-test-key-000000000000";

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    /** A whole gateway on {@code data} (its embedded PostgreSQL there), on a free port, with the test admin key. */
    static org.springframework.context.ConfigurableApplicationContext startOn(java.nio.file.Path data) {
        return new org.springframework.boot.builder.SpringApplicationBuilder(SwitchgearApplication.class).run(
                "--server.port=0",
                "--switchgear.data-dir=" + data,
                "--switchgear.admin-key=" + ADMIN_KEY,
                "--switchgear.db.embedded-durable=false");
    }

    /** A client of a gateway started with {@link #startOn}. */
    static GatewayClient of(org.springframework.context.ConfigurableApplicationContext context) {
        return new GatewayClient(((org.springframework.boot.web.context.WebServerApplicationContext) context)
                .getWebServer().getPort());
    }

    GatewayClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    String baseUrl() {
        return base;
    }

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    }

    Reply post(String path, String bearer, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.build());
    }

    Reply get(String path, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.build());
    }

    /** Any request, with extra headers; the raw response (the body as text). */
    HttpResponse<String> send(String method, String path, String bearer, String body,
                              java.util.Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply graphql(String bearer, String query) {
        try {
            return post("/graphql", bearer, json.writeValueAsString(java.util.Map.of("query", query)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String openAccount(String name, String tier) {
        return post("/api/v1/admin/accounts", ADMIN_KEY, "{\"name\":\"" + name + "\",\"tier\":\"" + tier + "\"}")
                .body().get("accountId").asText();
    }

    String issueKey(String accountId) {
        return post("/api/v1/admin/accounts/" + accountId + "/api-keys", ADMIN_KEY, null).body().get("key").asText();
    }

    long grant(String accountId, String credits) {
        Reply reply = post("/api/v1/admin/accounts/" + accountId + "/credits", ADMIN_KEY,
                "{\"credits\":" + credits + ",\"reason\":\"test\"}");
        if (reply.status() != 200) {
            throw new IllegalStateException("grant failed: " + reply.raw().body());
        }
        return reply.body().get("balanceMicroCredits").asLong();
    }

    long balance(String accountKey) {
        return get("/api/v1/llm/credits", accountKey).body().get("balanceMicroCredits").asLong();
    }

    JsonNode events(String accountId) {
        return get("/api/v1/admin/accounts/" + accountId + "/events", ADMIN_KEY).body().get("events");
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            boolean isJson = response.headers().firstValue("Content-Type").map(t -> t.contains("json")).orElse(false);
            JsonNode body = response.body().isEmpty() || !isJson ? null : json.readTree(response.body());
            return new Reply(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dev.switchgear.bootstrap;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * The training run of the JDK's ahead-of-time cache (ADR 0033), switched on by
 * {@code switchgear.aot-training.requests}: once started, the gateway sends itself that many
 * requests of each kind a client sends — plain and streamed chat completions, Anthropic messages,
 * the models list, the balance, a GraphQL query — on a throw-away account against the built-in
 * simulator, then exits. The JVM records which classes were loaded and linked and how the hot methods
 * ran ({@code -XX:AOTCacheOutput}); a gateway started with the cache skips that work. Never enabled
 * in a deployment: it opens an account and exits.
 *
 * <p>It starts when the application is ready, after every {@code ApplicationRunner}: the default
 * catalog is written by one ({@code RoutingConfiguration.initialiseCatalog}), and when this was a runner
 * too, ordered before it on some builds, it waited on the main thread for a catalog that runner never
 * got to write (the empty model list of ADR 0033's CI runs).
 */
@Component
@ConditionalOnProperty(name = "switchgear.aot-training.requests")
class AotTraining implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(AotTraining.class);
    private static final String CHAT = "{\"model\":\"sim-echo\",\"max_tokens\":16,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Train me, briefly.\"}]}";
    private static final String STREAM = "{\"model\":\"sim-echo\",\"stream\":true,"
            + "\"stream_options\":{\"include_usage\":true},"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Stream me back in six little pieces.\"}]}";
    private static final String MESSAGES = "{\"model\":\"sim-echo\",\"max_tokens\":16,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Train me, Anthropic style.\"}]}";
    private static final String GRAPHQL = "{\"query\":\"{ usageSeries(from: \\\"2026-01-01T00:00:00Z\\\", "
            + "to: \\\"2030-01-01T00:00:00Z\\\", bucket: DAY) { start requests cost } }\"}";

    private final ConfigurableApplicationContext context;
    private final SwitchgearProperties properties;
    private final com.fasterxml.jackson.databind.ObjectMapper json;
    private final int requests;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    AotTraining(ConfigurableApplicationContext context, SwitchgearProperties properties,
                com.fasterxml.jackson.databind.ObjectMapper json,
                @org.springframework.beans.factory.annotation.Value("${switchgear.aot-training.requests}") int requests) {
        this.context = context;
        this.properties = properties;
        this.json = json;
        this.requests = requests;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        try {
            train();
        } catch (Exception e) {
            throw new IllegalStateException("the AOT training run failed", e);
        }
    }

    private void train() throws Exception {
        String admin = properties.adminKey();
        if (admin == null || admin.isBlank()) {
            throw new IllegalStateException("the training run needs an admin key (SWITCHGEAR_ADMIN_KEY)");
        }
        String base = "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
        long started = System.nanoTime();
        String account = field(send(base, "POST", "/api/v1/admin/accounts", admin,
                "{\"name\":\"aot-training\",\"tier\":\"enterprise\"}"), "accountId");
        String key = field(send(base, "POST", "/api/v1/admin/accounts/" + account + "/api-keys", admin, null), "key");
        send(base, "POST", "/api/v1/admin/accounts/" + account + "/credits", admin,
                "{\"credits\":\"1000000\",\"reason\":\"aot training\"}");
        send(base, "PUT", "/api/v1/admin/accounts/" + account + "/rate-limits", admin,
                "{\"requests_per_minute\":1000000,\"tokens_per_minute\":10000000000}");
        // the default catalog was written by a runner before this started; the policy's read side may lag
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String models = send(base, "GET", "/v1/models", key, null);
        while (!models.contains("\"sim-echo\"")) {
            if (System.nanoTime() > deadline) {
                // the cache then holds the start only, and the build goes on (the run's log says so)
                // the administrator's list is every connected model: empty means the catalog, not the tier
                LOG.warn("AOT training: sim-echo is not in the models list after 60 s; the cache records the "
                        + "start only. The account's list: {}; the administrator's: {}", models,
                        send(base, "GET", "/v1/models", admin, null));
                System.exit(SpringApplication.exit(context));
            }
            Thread.sleep(100);
            models = send(base, "GET", "/v1/models", key, null);
        }
        List<Future<?>> work = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < requests; i++) {
                work.add(clients.submit(() -> send(base, "POST", "/v1/chat/completions", key, CHAT)));
                work.add(clients.submit(() -> send(base, "POST", "/v1/chat/completions", key, STREAM)));
                if (i % 4 == 0) {
                    work.add(clients.submit(() -> send(base, "POST", "/v1/messages", key, MESSAGES)));
                    work.add(clients.submit(() -> send(base, "GET", "/v1/models", key, null)));
                    work.add(clients.submit(() -> send(base, "GET", "/api/v1/llm/credits", key, null)));
                    work.add(clients.submit(() -> send(base, "POST", "/graphql", key, GRAPHQL)));
                }
            }
            for (Future<?> done : work) {
                done.get();
            }
        } finally {
            clients.shutdownNow();
        }
        LOG.info("AOT training: {} requests in {} ms; exiting", work.size(),
                (System.nanoTime() - started) / 1_000_000);
        System.exit(SpringApplication.exit(context));
    }

    private String send(String base, String method, String path, String bearer, String body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearer);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException("training request " + method + " " + path + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private String field(String body, String name) throws IOException {
        String value = json.readTree(body).path(name).asText(null);
        if (value == null) {
            throw new IllegalStateException("no " + name + " in the answer");
        }
        return value;
    }
}

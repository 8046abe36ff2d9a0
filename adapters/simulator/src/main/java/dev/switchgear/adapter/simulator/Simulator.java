package dev.switchgear.adapter.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An OpenAI-compatible upstream for offline use, tests and benchmarks. Its one model,
 * {@code sim-echo}, answers with the last user message, cut to {@code max_tokens}; offered function
 * tools (and a {@code tool_choice} other than {@code none}), it calls one with arguments that fit
 * its schema instead (finish reason {@code tool_calls}), and a tool's result it answers with text
 * quoting that result ({@link ChatCompletions}, {@link ChatAnswers}). It reports usage counted by
 * its own rule: a token per four bytes of UTF-8 text (rounded up), plus four per message and three
 * for the reply's priming, the overheads OpenAI documents for chat models.
 *
 * <p>Streams ({@code stream: true}) are sent as Server-Sent Events in OpenAI's chunk format, with the
 * usage chunk when {@code stream_options.include_usage} is set.
 *
 * <p>{@code sim-echo} also answers the legacy completions ({@link TextCompletions}), and
 * {@code sim-embed} answers {@code /v1/embeddings} with deterministic unit vectors
 * ({@link Embeddings}).
 *
 * <p>Faults are configurable ({@link Faults}, ADR 0031): latency and jitter, an error rate answering
 * 429s and 5xx in OpenAI's error shape, a slow stream, a scheduled outage, all deterministic for a
 * seed, so routing, fallbacks and soaks can be exercised. It binds to loopback only. It stands in
 * for no real provider's wire format in that provider's tests: those use stubs of the provider's
 * documented transcripts.
 */
public final class Simulator implements AutoCloseable {

    public static final String MODEL = "sim-echo";
    /** The simulator's embedding model (ADR 0022). */
    public static final String EMBEDDING_MODEL = "sim-embed";

    private final HttpServer server;
    private final ExecutorService executor;
    private final SimulatorExchange http;

    /**
     * @param port   0 picks a free port
     * @param apiKey the bearer key callers must send, if any
     * @param faults the latency, errors, slow streams and outage it injects
     */
    public record Settings(int port, Optional<String> apiKey, Faults faults) {

        /**
         * @param latency   added before every answer
         * @param errorRate share of answers replaced by a 503, from 0 to 1
         */
        public Settings(int port, Duration latency, double errorRate, Optional<String> apiKey) {
            this(port, apiKey, Faults.none().withLatency(latency, Duration.ZERO)
                    .withErrors(errorRate, Faults.OVERLOADED));
        }
    }

    private Simulator(Settings settings) throws IOException {
        this.http = new SimulatorExchange(new ObjectMapper(), settings.apiKey(), settings.faults(),
                new FaultInjector(settings.faults()));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 1024);
        this.executor = executor();
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", http.guarded(new ChatCompletions(http)));
        server.createContext("/v1/models", http.guarded(this::models));
        server.createContext("/v1/completions", http.guarded(new TextCompletions(http)));
        server.createContext("/v1/embeddings", http.guarded(new Embeddings(http)));
        server.start();
    }

    public static Simulator start(Settings settings) {
        // Without TCP_NODELAY each flushed SSE event waits for the peer's delayed ACK (~40 ms).
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        try {
            return new Simulator(settings);
        } catch (IOException e) {
            throw new IllegalStateException("the simulator could not bind port " + settings.port(), e);
        }
    }

    /** The OpenAI-style base URL, ending in {@code /v1}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** The simulator's token count: a token per four bytes of UTF-8, rounded up. */
    static long tokens(String text) {
        return SimulatedText.tokens(text);
    }

    private void models(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!http.authorised(exchange)) {
                http.error(exchange, 401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided");
                return;
            }
            ObjectNode list = http.json().createObjectNode();
            list.put("object", "list");
            ObjectNode model = list.putArray("data").addObject();
            model.put("id", MODEL);
            model.put("object", "model");
            model.put("created", 1_700_000_000L);
            model.put("owned_by", "switchgear");
            http.send(exchange, 200, list);
        }
    }

    private static ExecutorService executor() {
        try {
            return (ExecutorService) MethodHandles.publicLookup()
                    .findStatic(Executors.class, "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class))
                    .invoke();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return Executors.newFixedThreadPool(64);
        } catch (Throwable e) {
            throw new IllegalStateException("could not create the simulator's executor", e);
        }
    }
}

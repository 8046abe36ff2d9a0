package dev.switchgear.adapter.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An OpenAI-compatible upstream for offline use, tests and benchmarks. Its one model,
 * {@code sim-echo}, answers with the last user message, cut to {@code max_tokens}; offered function
 * tools (and a {@code tool_choice} other than {@code none}), it calls one with arguments that fit
 * its schema instead (finish reason {@code tool_calls}), and a tool's result it answers with text
 * quoting that result. It reports
 * usage counted by its own rule: a token per four bytes of UTF-8 text (rounded up), plus four per
 * message and three for the reply's priming, the overheads OpenAI documents for chat models.
 *
 * <p>Streams ({@code stream: true}) are sent as Server-Sent Events in OpenAI's chunk format, with the
 * usage chunk when {@code stream_options.include_usage} is set.
 *
 * <p>{@code sim-echo} also answers the legacy completions ({@code /v1/completions}, plain and
 * streamed as {@code text_completion} chunks): each prompt echoed, cut to {@code max_tokens}, with
 * the prompt in front when {@code echo} is set, counted by the same rule (a token per four bytes,
 * no overheads; a token id is a token). {@code sim-embed} answers {@code /v1/embeddings} with
 * deterministic unit vectors ({@link SimulatedEmbeddings}; {@code dimensions} respected, 256 by
 * default; {@code encoding_format} float or base64), the input counted by the same rule.
 *
 * <p>Latency and an error rate are configurable, so routing and failure handling can be exercised.
 * It binds to loopback only. It stands in for no real provider's wire format in that provider's
 * tests: those use stubs of the provider's documented transcripts.
 */
public final class Simulator implements AutoCloseable {

    public static final String MODEL = "sim-echo";
    /** The simulator's embedding model (ADR 0022). */
    public static final String EMBEDDING_MODEL = "sim-embed";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Settings settings;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param port      0 picks a free port
     * @param latency   added before every answer
     * @param errorRate share of completions answered with a 503, from 0 to 1
     * @param apiKey    the bearer key callers must send, if any
     */
    public record Settings(int port, Duration latency, double errorRate, Optional<String> apiKey) {
        public Settings {
            if (errorRate < 0 || errorRate > 1) {
                throw new IllegalArgumentException("the error rate is a share from 0 to 1");
            }
            if (latency.isNegative()) {
                throw new IllegalArgumentException("latency cannot be negative");
            }
        }
    }

    private Simulator(Settings settings) throws IOException {
        this.settings = settings;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), settings.port()), 1024);
        this.executor = executor();
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", this::chatCompletions);
        server.createContext("/v1/models", this::models);
        server.createContext("/v1/completions", this::textCompletions);
        server.createContext("/v1/embeddings", this::embeddings);
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

    private void chatCompletions(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                error(exchange, 405, "invalid_request_error", "method_not_allowed", "Use POST");
                return;
            }
            if (!authorised(exchange)) {
                error(exchange, 401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided");
                return;
            }
            JsonNode request;
            try (InputStream in = exchange.getRequestBody()) {
                request = json.readTree(in);
            } catch (IOException e) {
                error(exchange, 400, "invalid_request_error", null, "The body is not valid JSON");
                return;
            }
            if (request == null || !MODEL.equals(request.path("model").asText())) {
                error(exchange, 404, "invalid_request_error", "model_not_found",
                        "The model `" + (request == null ? "" : request.path("model").asText()) + "` does not exist");
                return;
            }
            JsonNode messages = request.path("messages");
            if (!messages.isArray() || messages.isEmpty()) {
                error(exchange, 400, "invalid_request_error", null, "`messages` must be a non-empty array");
                return;
            }
            pause();
            if (settings.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < settings.errorRate()) {
                error(exchange, 503, "server_error", "overloaded", "The simulator is overloaded (simulated)");
                return;
            }
            ObjectNode answer = answer(request, messages);
            if (request.path("stream").asBoolean(false)) {
                stream(exchange, answer, request.path("stream_options").path("include_usage").asBoolean(false));
            } else {
                send(exchange, 200, answer);
            }
        }
    }

    /**
     * Streams an answer as OpenAI does: a role chunk, the content in pieces of at most 16 bytes, a
     * finish chunk, the usage chunk when asked for, then {@code [DONE]}.
     */
    private void stream(HttpExchange exchange, ObjectNode answer, boolean includeUsage) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        String id = answer.path("id").asText();
        JsonNode toolCalls = answer.at("/choices/0/message/tool_calls");
        String content = answer.at("/choices/0/message/content").asText("");
        try (OutputStream out = exchange.getResponseBody()) {
            ObjectNode role = chunk(id);
            role.withArray("choices").addObject().put("index", 0).putObject("delta").put("role", "assistant")
                    .put("content", "");
            event(out, role);
            if (toolCalls.isArray()) {
                streamToolCalls(out, id, toolCalls);
            }
            for (String piece : pieces(content, 16)) {
                ObjectNode delta = chunk(id);
                delta.withArray("choices").addObject().put("index", 0).putObject("delta").put("content", piece);
                event(out, delta);
            }
            ObjectNode finish = chunk(id);
            ObjectNode last = finish.withArray("choices").addObject().put("index", 0);
            last.putObject("delta");
            last.put("finish_reason", answer.at("/choices/0/finish_reason").asText());
            event(out, finish);
            if (includeUsage) {
                ObjectNode usage = chunk(id);
                usage.putArray("choices");
                usage.set("usage", answer.get("usage"));
                event(out, usage);
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    private ObjectNode chunk(String id) {
        ObjectNode chunk = json.createObjectNode();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", System.currentTimeMillis() / 1000);
        chunk.put("model", MODEL);
        return chunk;
    }

    private void event(OutputStream out, JsonNode chunk) throws IOException {
        out.write("data: ".getBytes(StandardCharsets.US_ASCII));
        out.write(json.writeValueAsBytes(chunk));
        out.write("\n\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Splits text into pieces of at most {@code maxBytes} UTF-8 bytes, on code-point boundaries. */
    static java.util.List<String> pieces(String text, int maxBytes) {
        java.util.List<String> pieces = new java.util.ArrayList<>();
        String rest = text;
        while (!rest.isEmpty()) {
            String piece = cut(rest, maxBytes / 4);
            if (piece.isEmpty()) {
                piece = rest.substring(0, Character.charCount(rest.codePointAt(0)));
            }
            pieces.add(piece);
            rest = rest.substring(piece.length());
        }
        return pieces;
    }

    private ObjectNode answer(JsonNode request, JsonNode messages) {
        long promptTokens = 3;
        String lastUser = "";
        for (JsonNode message : messages) {
            String text = text(message.path("content"));
            promptTokens += 4 + tokens(text);
            for (JsonNode call : message.path("tool_calls")) {
                promptTokens += tokens(call.path("function").path("name").asText())
                        + tokens(call.path("function").path("arguments").asText());
            }
            if ("user".equals(message.path("role").asText())) {
                lastUser = text;
            }
        }
        JsonNode last = messages.get(messages.size() - 1);
        if ("tool".equals(last.path("role").asText())) {
            return toolResultAnswer(messages, last, promptTokens);
        }
        JsonNode cap = request.has("max_completion_tokens") ? request.get("max_completion_tokens") : request.get("max_tokens");
        Optional<JsonNode> tool = toolToCall(request);
        if (tool.isPresent()) {
            return toolCallAnswer(tool.get(), promptTokens,
                    cap != null && cap.canConvertToInt() ? OptionalInt.of(cap.asInt()) : OptionalInt.empty());
        }
        String content = cap != null && cap.canConvertToInt() ? cut(lastUser, cap.asInt()) : lastUser;
        long completionTokens = tokens(content);

        ObjectNode reply = json.createObjectNode();
        reply.put("id", "chatcmpl-sim-" + UUID.randomUUID());
        reply.put("object", "chat.completion");
        reply.put("created", System.currentTimeMillis() / 1000);
        reply.put("model", MODEL);
        ArrayNode choices = reply.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", content.length() < lastUser.length() ? "length" : "stop");
        ObjectNode usage = reply.putObject("usage");
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        reply.put("system_fingerprint", "switchgear-simulator");
        return reply;
    }

    /**
     * The tool {@code sim-echo} calls: when the request offers function tools and {@code tool_choice}
     * is not {@code none}, the one {@code tool_choice} names, else the first.
     */
    private static Optional<JsonNode> toolToCall(JsonNode request) {
        JsonNode tools = request.path("tools");
        if (!tools.isArray() || tools.isEmpty()) {
            return Optional.empty();
        }
        JsonNode choice = request.path("tool_choice");
        if (choice.isTextual() && "none".equals(choice.asText())) {
            return Optional.empty();
        }
        String named = choice.path("function").path("name").asText(null);
        for (JsonNode tool : tools) {
            if (named == null || named.equals(tool.path("function").path("name").asText())) {
                return Optional.of(tool.path("function"));
            }
        }
        return Optional.of(tools.get(0).path("function"));
    }

    /**
     * An answer calling {@code function} with arguments that fit its parameters' schema (finish
     * reason {@code tool_calls}); arguments longer than the output cap are cut there, as a model's
     * would be (finish reason {@code length}).
     */
    private ObjectNode toolCallAnswer(JsonNode function, long promptTokens, OptionalInt cap) {
        String name = function.path("name").asText();
        String whole = argumentsFor(function.path("parameters")).toString();
        String arguments = cap.isPresent() ? cut(whole, (int) Math.max(0, cap.getAsInt() - tokens(name))) : whole;
        ObjectNode reply = reply();
        ObjectNode choice = reply.withArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.putNull("content");
        message.putNull("refusal");
        ObjectNode call = message.putArray("tool_calls").addObject();
        call.put("id", "call_sim_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        call.put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments);
        choice.putNull("logprobs");
        choice.put("finish_reason", arguments.length() < whole.length() ? "length" : "tool_calls");
        usage(reply, promptTokens, tokens(name) + tokens(arguments));
        return reply;
    }

    /** An answer to a tool's result: text that names the tool and quotes what it returned. */
    private ObjectNode toolResultAnswer(JsonNode messages, JsonNode result, long promptTokens) {
        String callId = result.path("tool_call_id").asText();
        String name = "the tool";
        for (JsonNode message : messages) {
            for (JsonNode call : message.path("tool_calls")) {
                if (callId.equals(call.path("id").asText())) {
                    name = call.path("function").path("name").asText(name);
                }
            }
        }
        String content = "The result of " + name + ": " + text(result.path("content"));
        ObjectNode reply = reply();
        ObjectNode choice = reply.withArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", "stop");
        usage(reply, promptTokens, tokens(content));
        return reply;
    }

    /**
     * Arguments that fit a JSON schema, deterministically: an object's required properties filled
     * (all of them when it names none), each by its schema — {@code const} or the first of an
     * {@code enum}, else by type: {@code "example"}, the minimum or 1, {@code true}, one item for an
     * array that needs one (else none), {@code null}.
     */
    static JsonNode argumentsFor(JsonNode schema) {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode value = valueFor(mapper, schema, 0);
        return value.isObject() ? value : mapper.createObjectNode();
    }

    private static JsonNode valueFor(ObjectMapper mapper, JsonNode schema, int depth) {
        if (depth > 8) {
            return mapper.nullNode();
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return schema.path("enum").get(0);
        }
        for (String union : new String[] {"anyOf", "oneOf", "allOf"}) {
            if (schema.path(union).isArray() && !schema.path(union).isEmpty()) {
                return valueFor(mapper, schema.path(union).get(0), depth + 1);
            }
        }
        JsonNode type = schema.path("type");
        String kind = type.isArray() && !type.isEmpty() ? type.get(0).asText() : type.asText("object");
        switch (kind) {
            case "string" -> {
                return mapper.getNodeFactory().textNode("example");
            }
            case "integer" -> {
                return mapper.getNodeFactory().numberNode(schema.path("minimum").canConvertToLong()
                        && schema.path("minimum").asLong() > 1 ? schema.path("minimum").asLong() : 1L);
            }
            case "number" -> {
                return mapper.getNodeFactory().numberNode(schema.path("minimum").isNumber()
                        && schema.path("minimum").asDouble() > 1 ? schema.path("minimum").asDouble() : 1.0);
            }
            case "boolean" -> {
                return mapper.getNodeFactory().booleanNode(true);
            }
            case "null" -> {
                return mapper.nullNode();
            }
            case "array" -> {
                ArrayNode array = mapper.createArrayNode();
                for (long i = 0; i < Math.min(schema.path("minItems").asLong(0), 8); i++) {
                    array.add(valueFor(mapper, schema.path("items"), depth + 1));
                }
                return array;
            }
            default -> {
                ObjectNode object = mapper.createObjectNode();
                JsonNode properties = schema.path("properties");
                JsonNode required = schema.path("required");
                if (required.isArray() && !required.isEmpty()) {
                    for (JsonNode property : required) {
                        object.set(property.asText(), valueFor(mapper, properties.path(property.asText()), depth + 1));
                    }
                } else {
                    properties.fields().forEachRemaining(p -> object.set(p.getKey(), valueFor(mapper, p.getValue(),
                            depth + 1)));
                }
                return object;
            }
        }
    }

    /** Streams tool calls as OpenAI does: the call's id and name with empty arguments, then the arguments in pieces. */
    private void streamToolCalls(OutputStream out, String id, JsonNode toolCalls) throws IOException {
        for (int index = 0; index < toolCalls.size(); index++) {
            JsonNode call = toolCalls.get(index);
            ObjectNode open = chunk(id);
            ObjectNode opened = open.withArray("choices").addObject().put("index", 0).putObject("delta")
                    .putArray("tool_calls").addObject();
            opened.put("index", index);
            opened.put("id", call.path("id").asText());
            opened.put("type", "function");
            opened.putObject("function").put("name", call.path("function").path("name").asText()).put("arguments", "");
            event(out, open);
            for (String piece : pieces(call.path("function").path("arguments").asText(), 16)) {
                ObjectNode delta = chunk(id);
                ObjectNode part = delta.withArray("choices").addObject().put("index", 0).putObject("delta")
                        .putArray("tool_calls").addObject();
                part.put("index", index);
                part.putObject("function").put("arguments", piece);
                event(out, delta);
            }
        }
    }

    private ObjectNode reply() {
        ObjectNode reply = json.createObjectNode();
        reply.put("id", "chatcmpl-sim-" + UUID.randomUUID());
        reply.put("object", "chat.completion");
        reply.put("created", System.currentTimeMillis() / 1000);
        reply.put("model", MODEL);
        reply.putArray("choices");
        return reply;
    }

    private static void usage(ObjectNode reply, long promptTokens, long completionTokens) {
        ObjectNode usage = reply.putObject("usage");
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        reply.put("system_fingerprint", "switchgear-simulator");
    }

    private void models(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorised(exchange)) {
                error(exchange, 401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided");
                return;
            }
            ObjectNode list = json.createObjectNode();
            list.put("object", "list");
            ObjectNode model = list.putArray("data").addObject();
            model.put("id", MODEL);
            model.put("object", "model");
            model.put("created", 1_700_000_000L);
            model.put("owned_by", "switchgear");
            send(exchange, 200, list);
        }
    }

    /** The legacy completions of {@code sim-echo}: every prompt echoed, cut to {@code max_tokens}. */
    private void textCompletions(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = postedJson(exchange);
            if (request == null) {
                return;
            }
            if (!MODEL.equals(request.path("model").asText())) {
                error(exchange, 404, "invalid_request_error", "model_not_found",
                        "The model `" + request.path("model").asText() + "` does not exist");
                return;
            }
            java.util.List<String> prompts = new java.util.ArrayList<>();
            long promptTokens = 0;
            JsonNode prompt = request.get("prompt");
            if (prompt != null && prompt.isTextual()) {
                prompts.add(prompt.asText());
                promptTokens += tokens(prompt.asText());
            } else if (prompt != null && prompt.isArray() && !prompt.isEmpty() && prompt.get(0).isIntegralNumber()) {
                prompts.add(ids(prompt));
                promptTokens += prompt.size();
            } else if (prompt != null && prompt.isArray() && !prompt.isEmpty()) {
                for (JsonNode item : prompt) {
                    if (item.isTextual()) {
                        prompts.add(item.asText());
                        promptTokens += tokens(item.asText());
                    } else if (item.isArray()) {
                        prompts.add(ids(item));
                        promptTokens += item.size();
                    } else {
                        error(exchange, 400, "invalid_request_error", null, "`prompt` holds strings or token arrays");
                        return;
                    }
                }
            } else {
                error(exchange, 400, "invalid_request_error", null, "`prompt` must be a string or a non-empty array");
                return;
            }
            pause();
            if (settings.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < settings.errorRate()) {
                error(exchange, 503, "server_error", "overloaded", "The simulator is overloaded (simulated)");
                return;
            }
            JsonNode cap = request.get("max_tokens");
            boolean echo = request.path("echo").asBoolean(false);
            String id = "cmpl-sim-" + UUID.randomUUID();
            ObjectNode answer = json.createObjectNode();
            answer.put("id", id);
            answer.put("object", "text_completion");
            answer.put("created", System.currentTimeMillis() / 1000);
            answer.put("model", MODEL);
            ArrayNode choices = answer.putArray("choices");
            long completionTokens = 0;
            for (int i = 0; i < prompts.size(); i++) {
                String text = prompts.get(i);
                String completion = cap != null && cap.canConvertToInt() ? cut(text, cap.asInt()) : text;
                completionTokens += tokens(completion);
                ObjectNode choice = choices.addObject();
                choice.put("text", echo ? text + completion : completion);
                choice.put("index", i);
                choice.putNull("logprobs");
                choice.put("finish_reason", completion.length() < text.length() ? "length" : "stop");
            }
            ObjectNode usage = answer.putObject("usage");
            usage.put("prompt_tokens", promptTokens);
            usage.put("completion_tokens", completionTokens);
            usage.put("total_tokens", promptTokens + completionTokens);
            if (request.path("stream").asBoolean(false)) {
                streamText(exchange, answer, request.path("stream_options").path("include_usage").asBoolean(false));
            } else {
                send(exchange, 200, answer);
            }
        }
    }

    /**
     * Streams a legacy completion as OpenAI does: {@code text_completion} chunks of at most 16 bytes
     * per choice, a last chunk per choice with its finish reason, the usage chunk when asked for,
     * then {@code [DONE]}.
     */
    private void streamText(HttpExchange exchange, ObjectNode answer, boolean includeUsage) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (JsonNode choice : answer.path("choices")) {
                for (String piece : pieces(choice.path("text").asText(), 16)) {
                    event(out, textChunk(answer, choice.path("index").asInt(), piece, null));
                }
                event(out, textChunk(answer, choice.path("index").asInt(), "", choice.path("finish_reason").asText()));
            }
            if (includeUsage) {
                ObjectNode usage = textChunk(answer, 0, "", null);
                usage.putArray("choices");
                usage.set("usage", answer.get("usage"));
                event(out, usage);
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    private ObjectNode textChunk(ObjectNode answer, int index, String text, String finishReason) {
        ObjectNode chunk = json.createObjectNode();
        chunk.put("id", answer.path("id").asText());
        chunk.put("object", "text_completion");
        chunk.put("created", answer.path("created").asLong());
        chunk.put("model", MODEL);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("text", text);
        choice.put("index", index);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    private static String ids(JsonNode tokens) {
        StringBuilder text = new StringBuilder();
        for (JsonNode token : tokens) {
            text.append(text.isEmpty() ? "" : " ").append(token.asText());
        }
        return text.toString();
    }

    /** The embeddings of {@code sim-embed}: a deterministic unit vector per input. */
    private void embeddings(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode request = postedJson(exchange);
            if (request == null) {
                return;
            }
            if (!EMBEDDING_MODEL.equals(request.path("model").asText())) {
                error(exchange, 404, "invalid_request_error", "model_not_found",
                        "The model `" + request.path("model").asText() + "` does not exist");
                return;
            }
            JsonNode dims = request.get("dimensions");
            int dimensions = SimulatedEmbeddings.DEFAULT_DIMENSIONS;
            if (dims != null && !dims.isNull()) {
                if (!dims.canConvertToInt() || dims.asInt() < 1 || dims.asInt() > SimulatedEmbeddings.MAX_DIMENSIONS) {
                    error(exchange, 400, "invalid_request_error", null, "`dimensions` must be 1 to "
                            + SimulatedEmbeddings.MAX_DIMENSIONS);
                    return;
                }
                dimensions = dims.asInt();
            }
            JsonNode input = request.get("input");
            java.util.List<float[]> vectors = new java.util.ArrayList<>();
            long promptTokens = 0;
            if (input != null && input.isTextual()) {
                vectors.add(SimulatedEmbeddings.of(input.asText(), dimensions));
                promptTokens += tokens(input.asText());
            } else if (input != null && input.isArray() && !input.isEmpty() && input.get(0).isIntegralNumber()) {
                vectors.add(SimulatedEmbeddings.of(tokenIds(input), dimensions));
                promptTokens += input.size();
            } else if (input != null && input.isArray() && !input.isEmpty()) {
                for (JsonNode item : input) {
                    if (item.isTextual()) {
                        vectors.add(SimulatedEmbeddings.of(item.asText(), dimensions));
                        promptTokens += tokens(item.asText());
                    } else if (item.isArray()) {
                        vectors.add(SimulatedEmbeddings.of(tokenIds(item), dimensions));
                        promptTokens += item.size();
                    } else {
                        error(exchange, 400, "invalid_request_error", null, "`input` holds strings or token arrays");
                        return;
                    }
                }
            } else {
                error(exchange, 400, "invalid_request_error", null, "`input` must be a string or a non-empty array");
                return;
            }
            pause();
            if (settings.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < settings.errorRate()) {
                error(exchange, 503, "server_error", "overloaded", "The simulator is overloaded (simulated)");
                return;
            }
            boolean base64 = "base64".equals(request.path("encoding_format").asText("float"));
            ObjectNode answer = json.createObjectNode();
            answer.put("object", "list");
            ArrayNode data = answer.putArray("data");
            for (int i = 0; i < vectors.size(); i++) {
                ObjectNode item = data.addObject();
                item.put("object", "embedding");
                item.put("index", i);
                if (base64) {
                    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(vectors.get(i).length * 4)
                            .order(java.nio.ByteOrder.LITTLE_ENDIAN);
                    for (float v : vectors.get(i)) {
                        bytes.putFloat(v);
                    }
                    item.put("embedding", java.util.Base64.getEncoder().encodeToString(bytes.array()));
                } else {
                    ArrayNode values = item.putArray("embedding");
                    for (float v : vectors.get(i)) {
                        values.add(v);
                    }
                }
            }
            answer.put("model", EMBEDDING_MODEL);
            ObjectNode usage = answer.putObject("usage");
            usage.put("prompt_tokens", promptTokens);
            usage.put("total_tokens", promptTokens);
            send(exchange, 200, answer);
        }
    }

    private static int[] tokenIds(JsonNode array) {
        int[] ids = new int[array.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = array.get(i).asInt();
        }
        return ids;
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

    /** The simulator's token count: a token per four bytes of UTF-8, rounded up. */
    static long tokens(String text) {
        return (text.getBytes(StandardCharsets.UTF_8).length + 3) / 4;
    }

    /** The longest prefix of {@code text} (whole code points) of at most {@code maxTokens} tokens. */
    static String cut(String text, int maxTokens) {
        long budget = Math.max(0, (long) maxTokens) * 4;
        int end = 0;
        long bytes = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > budget) {
                break;
            }
            bytes += size;
            end += Character.charCount(codePoint);
        }
        return text.substring(0, end);
    }

    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                text.append(part.path("text").asText());
            }
        }
        return text.toString();
    }

    private boolean authorised(HttpExchange exchange) {
        return settings.apiKey()
                .map(key -> ("Bearer " + key).equals(exchange.getRequestHeaders().getFirst("Authorization")))
                .orElse(true);
    }

    private void pause() {
        if (!settings.latency().isZero()) {
            try {
                Thread.sleep(settings.latency().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void error(HttpExchange exchange, int status, String type, String code, String message) throws IOException {
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
        if (status == 503) {
            exchange.getResponseHeaders().set("Retry-After", "1");
        }
        send(exchange, status, body);
    }

    private void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
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

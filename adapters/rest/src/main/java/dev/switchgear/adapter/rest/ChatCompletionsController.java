package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.switchgear.application.port.in.completion.ChatCompletion;
import dev.switchgear.application.port.in.completion.ChatRequest;
import dev.switchgear.application.port.in.completion.CompleteChatUseCase;
import dev.switchgear.application.port.in.completion.CompletionException;
import dev.switchgear.application.port.in.completion.FailureWithRateLimits;
import dev.switchgear.application.port.in.completion.StreamedCompletion;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.domain.shared.RequestId;
import dev.switchgear.domain.routing.api.Capability;
import dev.switchgear.domain.shared.PowerLevel;
import jakarta.servlet.http.HttpServletResponse;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * OpenAI's {@code POST /v1/chat/completions} (and the requirements' alias under
 * {@code /api/v1/llm}). Validates the body's shape, then hands it to the completion use case.
 * A plain answer is the upstream's OpenAI-format body, with the request id and the charge in
 * headers; {@code stream: true} is answered with Server-Sent Events.
 */
@RestController
public class ChatCompletionsController {

    static final String REQUEST_ID_HEADER = "X-Request-Id";
    /** Stripe's and OpenAI's name for a request id the caller chose; honoured as {@code X-Request-Id}. */
    static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
    /** Set on an answer that is the kept answer of an earlier request with the same id (ADR 0014). */
    static final String REPLAYED_HEADER = "X-Switchgear-Replayed";
    static final String CHARGED_HEADER = "X-Switchgear-Charged-Credits";
    static final String MODEL_HEADER = "X-Switchgear-Model";
    static final String PROVIDER_HEADER = "X-Switchgear-Provider";
    static final String PREFER_BYOK_HEADER = "X-Prefer-BYOK";
    static final String POWER_LEVEL_HEADER = "X-Power-Level";

    /** The most choices ({@code n}) one request may ask for. */
    static final long MAX_CHOICES = 128;
    /** The largest output cap ({@code max_tokens}) one request may state. */
    static final long MAX_OUTPUT_TOKENS = 1_000_000;

    private final CompleteChatUseCase completions;
    private final ObjectReader reader;

    public ChatCompletionsController(CompleteChatUseCase completions, ObjectMapper json) {
        this.completions = completions;
        this.reader = JsonBodies.strictReader(json);
    }

    @PostMapping(path = {"/v1/chat/completions", "/api/v1/llm/chat/completions"})
    ResponseEntity<byte[]> complete(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                    @RequestHeader(name = REQUEST_ID_HEADER, required = false) String requestId,
                                    @RequestHeader(name = IDEMPOTENCY_KEY_HEADER, required = false) String idempotencyKey,
                                    @RequestHeader(name = PREFER_BYOK_HEADER, required = false) String preferByok,
                                    @RequestHeader(name = POWER_LEVEL_HEADER, required = false) String powerLevel,
                                    @RequestBody(required = false) byte[] body, HttpServletResponse response) {
        Parsed parsed = parse(body, requestId(requestId, idempotencyKey), preferByok(preferByok),
                powerLevel(powerLevel));
        if (parsed.stream()) {
            stream(caller, parsed.request(), response);
            return null;
        }
        ChatCompletion completion = completions.complete(caller, parsed.request());
        return answer(completion, response);
    }

    /** A plain answer: the body, with the request id, the charge, the model and provider, and the rate limits. */
    static ResponseEntity<byte[]> answer(ChatCompletion completion, HttpServletResponse response) {
        return answer(completion, response, completion.body());
    }

    /**
     * A plain answer with a body of another API's shape made from the completion (Anthropic's
     * message, a Responses object), with the same headers as {@link #answer(ChatCompletion, HttpServletResponse)}.
     */
    static ResponseEntity<byte[]> answer(ChatCompletion completion, HttpServletResponse response, byte[] body) {
        completion.limits().ifPresent(limits -> RateLimitHeaders.write(response, limits));
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (completion.replayed()) {
            ok.header(REPLAYED_HEADER, "true");
        }
        return ok
                .contentType(MediaType.APPLICATION_JSON)
                .header(REQUEST_ID_HEADER, completion.requestId().value())
                .header(CHARGED_HEADER, completion.charged().toCredits().toPlainString())
                .header(MODEL_HEADER, completion.model())
                .header(PROVIDER_HEADER, completion.provider())
                .body(body);
    }

    /**
     * The caller's own id for the request: {@code X-Request-Id} or {@code Idempotency-Key} (the same
     * thing; both, and different, is a 400), or none.
     */
    static String requestId(String requestId, String idempotencyKey) {
        if (requestId != null && idempotencyKey != null && !requestId.equals(idempotencyKey)) {
            throw new BadRequestException(REQUEST_ID_HEADER + " and " + IDEMPOTENCY_KEY_HEADER
                    + " name the same thing; send one, or both equal", null);
        }
        return requestId != null ? requestId : idempotencyKey;
    }

    /** {@code X-Prefer-BYOK}: absent or true uses the caller's own key when it has one; false never does. */
    static boolean preferByok(String header) {
        if (header == null || header.isBlank() || header.strip().equalsIgnoreCase("true")) {
            return true;
        }
        if (header.strip().equalsIgnoreCase("false")) {
            return false;
        }
        throw new BadRequestException(PREFER_BYOK_HEADER + " must be true or false", null);
    }

    /** {@code X-Power-Level}: eco, balanced or precision for this request; absent, the account's. */
    static Optional<PowerLevel> powerLevel(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(PowerLevel.fromCode(header).orElseThrow(() -> new BadRequestException(
                POWER_LEVEL_HEADER + " must be eco, balanced or precision", null)));
    }

    /** What the request needs of a model: tools, JSON output, images. */
    static Set<Capability> needs(JsonNode root) {
        Set<Capability> needs = EnumSet.noneOf(Capability.class);
        if (root.path("tools").isArray() && !root.path("tools").isEmpty()) {
            needs.add(Capability.TOOLS);
        }
        String format = root.path("response_format").path("type").asText("");
        if (format.equals("json_object") || format.equals("json_schema")) {
            needs.add(Capability.JSON);
        }
        for (JsonNode message : root.path("messages")) {
            for (JsonNode part : message.path("content")) {
                if ("image_url".equals(part.path("type").asText()) || "input_image".equals(part.path("type").asText())) {
                    needs.add(Capability.VISION);
                }
            }
        }
        return needs;
    }

    /** The body read once: the request for the use case, and whether it asked for a stream. */
    private record Parsed(ChatRequest request, boolean stream) {
    }

    private Parsed parse(byte[] body, String requestIdHeader, boolean preferByok,
                              Optional<PowerLevel> powerLevel) {
        if (body == null || body.length == 0) {
            throw new BadRequestException("The request body is empty; send a JSON chat completion request", null);
        }
        JsonNode root = JsonBodies.object(reader, body);
        JsonNode model = root.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw new BadRequestException("you must provide a model parameter", "model");
        }
        JsonNode messages = root.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new BadRequestException("`messages` must be a non-empty array", "messages");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (!message.isObject() || !message.path("role").isTextual()) {
                throw new BadRequestException("messages[" + i + "] must be an object with a `role`", "messages");
            }
            JsonNode content = message.get("content");
            if (content != null && !(content.isTextual() || content.isArray() || content.isNull())) {
                throw new BadRequestException("messages[" + i + "].content must be a string or an array of parts",
                        "messages");
            }
        }
        boolean stream = JsonFields.bool(root, "stream").orElse(false);
        JsonNode streamOptions = root.get("stream_options");
        if (streamOptions != null && !streamOptions.isNull() && !streamOptions.isObject()) {
            throw new BadRequestException("`stream_options` must be an object", "stream_options");
        }
        boolean includeUsage = streamOptions != null && streamOptions.isObject()
                && JsonFields.bool(streamOptions, "include_usage").orElse(false);
        JsonFields.integer(root, "n", 1, MAX_CHOICES);
        Optional<Integer> maxTokens = outputCap(root, "max_completion_tokens").or(() -> outputCap(root, "max_tokens"));
        Optional<RequestId> requestId;
        try {
            requestId = Optional.ofNullable(requestIdHeader).map(RequestId::new);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(REQUEST_ID_HEADER + ": " + e.getMessage(), null);
        }
        return new Parsed(new ChatRequest(model.asText(), maxTokens, requestId, body, includeUsage, preferByok,
                powerLevel, needs(root)), stream);
    }

    /**
     * Relays the completion as Server-Sent Events. Nothing is written before the first chunk, so a
     * refusal or an upstream failure before it is still answered as a plain OpenAI error. The
     * closing {@code [DONE]} is written only after the charge is durable; an upstream that breaks
     * off ends the stream with an error event instead.
     */
    private void stream(Caller caller, ChatRequest request, HttpServletResponse response) {
        SseSink sink = new SseSink(response);
        StreamedCompletion result;
        try {
            result = completions.stream(caller, request, sink);
        } catch (CompletionException | FailureWithRateLimits e) {
            CompletionException failure = midStream(sink.started(), e);
            sink.error(failure.getMessage(), "server_error", failure.code().name().toLowerCase());
            return;
        }
        if (result.failure().isPresent()) {
            sink.error(result.failure().get(), "server_error", "upstream_stream_failed");
        } else {
            sink.done();
        }
    }

    /**
     * A completion's failure once its stream has started, to be told in the stream; before that (or
     * when it is no completion failure) it is thrown on, to be answered as an error response.
     */
    static CompletionException midStream(boolean started, RuntimeException e) {
        RuntimeException failure = e instanceof FailureWithRateLimits limited ? limited.failure() : e;
        if (!started || !(failure instanceof CompletionException completion)) {
            throw e;
        }
        return completion;
    }

    private static Optional<Integer> outputCap(JsonNode root, String field) {
        return JsonFields.integer(root, field, 1, MAX_OUTPUT_TOKENS).map(Long::intValue);
    }
}

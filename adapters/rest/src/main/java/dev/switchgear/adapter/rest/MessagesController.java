package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.adapter.wire.WireFormatException;
import dev.switchgear.adapter.wire.anthropic.AnthropicMessagesCodec;
import dev.switchgear.application.port.in.completion.ChatCompletion;
import dev.switchgear.application.port.in.completion.ChatRequest;
import dev.switchgear.application.port.in.completion.CompleteChatUseCase;
import dev.switchgear.application.port.in.completion.CompletionException;
import dev.switchgear.application.port.in.completion.CountTokensUseCase;
import dev.switchgear.application.port.in.completion.FailureWithRateLimits;
import dev.switchgear.application.port.in.completion.StreamedCompletion;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.domain.shared.RequestId;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Anthropic's Messages API inbound ({@code POST /v1/messages}), so Anthropic's SDKs work unchanged:
 * the request is translated into the gateway's OpenAI format, answered by the same engine (any
 * provider), and translated back — plain, or as Anthropic's stream events — by the wire module's
 * {@link AnthropicMessagesCodec}, the one the Anthropic provider uses outbound. Its token counting
 * ({@code POST /v1/messages/count_tokens}) reads the same request. Errors come in Anthropic's error
 * shape.
 */
@RestController
public class MessagesController {

    private final CompleteChatUseCase completions;
    private final ObjectMapper json;
    private final AnthropicMessagesCodec codec;
    private final RestErrorHandling errors;
    private final CountTokensUseCase counts;

    public MessagesController(CompleteChatUseCase completions, CountTokensUseCase counts, ObjectMapper json,
                              RestErrorHandling errors) {
        this.completions = completions;
        this.counts = counts;
        this.json = json;
        this.codec = new AnthropicMessagesCodec(json);
        this.errors = errors;
    }

    @PostMapping("/v1/messages")
    ResponseEntity<byte[]> messages(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                    @RequestHeader(name = ChatCompletionsController.REQUEST_ID_HEADER, required = false)
                                    String requestId,
                                    @RequestHeader(name = ChatCompletionsController.IDEMPOTENCY_KEY_HEADER,
                                            required = false) String idempotencyKey,
                                    @RequestHeader(name = ChatCompletionsController.PREFER_BYOK_HEADER, required = false)
                                    String preferByok,
                                    @RequestHeader(name = ChatCompletionsController.POWER_LEVEL_HEADER, required = false)
                                    String powerLevel,
                                    @RequestBody(required = false) byte[] body, HttpServletResponse response)
            throws IOException {
        JsonNode request = parse(body, true);
        ObjectNode openAi = translate(request);
        String model = request.path("model").asText();
        ChatRequest chat = new ChatRequest(model, Optional.of(request.path("max_tokens").intValue()),
                requestId(ChatCompletionsController.requestId(requestId, idempotencyKey)),
                json.writeValueAsBytes(openAi), true,
                ChatCompletionsController.preferByok(preferByok), ChatCompletionsController.powerLevel(powerLevel),
                ChatCompletionsController.needs(openAi));
        if (JsonFields.bool(request, "stream").orElse(false)) {
            AnthropicSseSink sink = new AnthropicSseSink(response, json, codec.eventEncoder(model));
            StreamedCompletion result;
            try {
                result = completions.stream(caller, chat, sink);
            } catch (CompletionException | FailureWithRateLimits e) {
                sink.error(ChatCompletionsController.midStream(sink.started(), e).getMessage());
                return null;
            }
            if (result.failure().isPresent()) {
                sink.error(result.failure().get());
            } else {
                sink.done();
            }
            return null;
        }
        ChatCompletion completion = completions.complete(caller, chat);
        ObjectNode message = codec.toAnthropicResponse(json.readTree(completion.body()), model);
        return ChatCompletionsController.answer(completion, response, json.writeValueAsBytes(message));
    }

    /**
     * Anthropic's token counting ({@code POST /v1/messages/count_tokens}): the request a message
     * would be (without {@code max_tokens}), counted locally for the model it names — free: nothing
     * is charged, recorded or taken from the rate limits (ADR 0020).
     */
    @PostMapping(AnthropicRoutes.ROOT + "/count_tokens")
    ResponseEntity<InputTokens> countTokens(@RequestBody(required = false) byte[] body) throws IOException {
        JsonNode request = parse(body, false);
        ObjectNode openAi = translate(request);
        openAi.remove("max_tokens");
        CountTokensUseCase.TokenCount count = counts.count(request.path("model").asText(), json.writeValueAsBytes(openAi));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new InputTokens(count.inputTokens()));
    }

    /** Anthropic's answer to a count: {@code {"input_tokens": N}}. */
    record InputTokens(@JsonProperty("input_tokens") long inputTokens) {
    }

    private ObjectNode translate(JsonNode request) {
        try {
            return codec.toOpenAiRequest(request);
        } catch (WireFormatException e) {
            throw new BadRequestException(e.getMessage(), e.field());
        }
    }

    /** Every failure of this route, in Anthropic's error shape with the status the gateway chose. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<AnthropicError> failure(Exception e, HttpServletResponse response) throws Exception {
        ResponseEntity<OpenAiError> openAi = errors.handle(e, response);
        int status = openAi.getStatusCode().value();
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(status);
        openAi.getHeaders().forEach((name, values) -> builder.header(name, values.toArray(String[]::new)));
        return builder.contentType(MediaType.APPLICATION_JSON)
                .body(AnthropicError.of(typeFor(status), openAi.getBody().error().message()));
    }

    static String typeFor(int status) {
        return AnthropicRoutes.errorType(status);
    }

    private static Optional<RequestId> requestId(String header) {
        try {
            return Optional.ofNullable(header).map(RequestId::new);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(ChatCompletionsController.REQUEST_ID_HEADER + ": " + e.getMessage(), null);
        }
    }

    /** The request, checked as Anthropic checks it; a message also needs {@code max_tokens} (and a boolean {@code stream}). */
    private JsonNode parse(byte[] body, boolean forMessage) {
        if (body == null || body.length == 0) {
            throw new BadRequestException("The request body is empty; send a JSON Messages request", null);
        }
        JsonNode root = JsonBodies.object(JsonBodies.strictReader(json), body);
        if (!root.path("model").isTextual() || root.path("model").asText().isBlank()) {
            throw new BadRequestException("model: Field required", "model");
        }
        if (forMessage) {
            if (!JsonFields.present(root, "max_tokens")) {
                throw new BadRequestException("max_tokens: Field required", "max_tokens");
            }
            JsonFields.integer(root, "max_tokens", 1, ChatCompletionsController.MAX_OUTPUT_TOKENS);
            JsonFields.bool(root, "stream");
        }
        if (!root.path("messages").isArray() || root.path("messages").isEmpty()) {
            throw new BadRequestException("messages: Field required and must be a non-empty array", "messages");
        }
        for (JsonNode message : root.path("messages")) {
            String role = message.path("role").isTextual() ? message.path("role").textValue() : "";
            if (!"user".equals(role) && !"assistant".equals(role)) {
                throw new BadRequestException("messages: each role must be `user` or `assistant`", "messages");
            }
        }
        return root;
    }

    /** Anthropic's error shape: {@code {"type":"error","error":{"type","message"}}}. */
    record AnthropicError(String type, Body error) {
        record Body(String type, String message) {
        }

        static AnthropicError of(String type, String message) {
            return new AnthropicError("error", new Body(type, message));
        }
    }
}

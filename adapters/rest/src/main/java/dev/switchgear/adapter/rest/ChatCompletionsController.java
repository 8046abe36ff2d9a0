package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchgear.application.port.in.completion.ChatCompletion;
import dev.switchgear.application.port.in.completion.ChatRequest;
import dev.switchgear.application.port.in.completion.CompleteChatUseCase;
import dev.switchgear.application.port.in.identity.Caller;
import dev.switchgear.domain.credit.api.RequestId;
import java.io.IOException;
import java.util.Optional;
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
 * The answer is the upstream's OpenAI-format body; headers carry the request id and the charge.
 */
@RestController
public class ChatCompletionsController {

    static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final String CHARGED_HEADER = "X-Switchgear-Charged-Credits";

    private final CompleteChatUseCase completions;
    private final ObjectMapper json;

    public ChatCompletionsController(CompleteChatUseCase completions, ObjectMapper json) {
        this.completions = completions;
        this.json = json;
    }

    @PostMapping(path = {"/v1/chat/completions", "/api/v1/llm/chat/completions"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> complete(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                    @RequestHeader(name = REQUEST_ID_HEADER, required = false) String requestId,
                                    @RequestBody(required = false) byte[] body) {
        ChatRequest request = parse(body, requestId);
        ChatCompletion completion = completions.complete(caller, request);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(REQUEST_ID_HEADER, completion.requestId().value())
                .header(CHARGED_HEADER, completion.charged().toCredits().toPlainString())
                .body(completion.body());
    }

    private ChatRequest parse(byte[] body, String requestIdHeader) {
        if (body == null || body.length == 0) {
            throw new BadRequestException("The request body is empty; send a JSON chat completion request", null);
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new BadRequestException("The request body is not valid JSON", null);
        }
        if (root == null || !root.isObject()) {
            throw new BadRequestException("The request body must be a JSON object", null);
        }
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
        JsonNode stream = root.get("stream");
        if (stream != null && stream.asBoolean(false)) {
            throw new BadRequestException("`stream: true` is not supported yet; send the request without it", "stream");
        }
        Optional<Integer> maxTokens = outputCap(root, "max_completion_tokens").or(() -> outputCap(root, "max_tokens"));
        Optional<RequestId> requestId;
        try {
            requestId = Optional.ofNullable(requestIdHeader).map(RequestId::new);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(REQUEST_ID_HEADER + ": " + e.getMessage(), null);
        }
        return new ChatRequest(model.asText(), maxTokens, requestId, body);
    }

    private static Optional<Integer> outputCap(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
            throw new BadRequestException("`" + field + "` must be a positive integer", field);
        }
        return Optional.of(value.asInt());
    }
}

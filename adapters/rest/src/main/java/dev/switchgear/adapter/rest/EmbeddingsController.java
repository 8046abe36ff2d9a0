package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.switchgear.adapter.wire.WireFormatException;
import dev.switchgear.adapter.wire.openai.OpenAiEmbeddings;
import dev.switchgear.application.port.in.completion.ChatCompletion;
import dev.switchgear.application.port.in.completion.ChatRequest;
import dev.switchgear.application.port.in.completion.CreateEmbeddingsUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.domain.shared.RequestId;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * OpenAI's {@code POST /v1/embeddings}: the body checked with the wire module's
 * {@link OpenAiEmbeddings} ({@code input} as a string, strings or token arrays, {@code dimensions},
 * {@code encoding_format} float or base64, {@code user}), then embedded by the one model it names
 * and charged for its input tokens, with the same headers as a chat completion (ADR 0022).
 */
@RestController
public class EmbeddingsController {

    private final CreateEmbeddingsUseCase embeddings;
    private final ObjectReader reader;

    public EmbeddingsController(CreateEmbeddingsUseCase embeddings, ObjectMapper json) {
        this.embeddings = embeddings;
        this.reader = JsonBodies.strictReader(json);
    }

    @PostMapping("/v1/embeddings")
    ResponseEntity<byte[]> embed(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                 @RequestHeader(name = ChatCompletionsController.REQUEST_ID_HEADER, required = false)
                                 String requestId,
                                 @RequestHeader(name = ChatCompletionsController.IDEMPOTENCY_KEY_HEADER, required = false)
                                 String idempotencyKey,
                                 @RequestHeader(name = ChatCompletionsController.PREFER_BYOK_HEADER, required = false)
                                 String preferByok,
                                 @RequestHeader(name = ChatCompletionsController.POWER_LEVEL_HEADER, required = false)
                                 String powerLevel,
                                 @RequestBody(required = false) byte[] body, HttpServletResponse response) {
        if (body == null || body.length == 0) {
            throw new BadRequestException("The request body is empty; send a JSON embeddings request", null);
        }
        JsonNode root = JsonBodies.object(reader, body);
        OpenAiEmbeddings.Request parsed;
        try {
            parsed = OpenAiEmbeddings.read(root);
        } catch (WireFormatException e) {
            throw new BadRequestException(e.getMessage(), e.field());
        }
        String id = ChatCompletionsController.requestId(requestId, idempotencyKey);
        Optional<RequestId> named;
        try {
            named = Optional.ofNullable(id).map(RequestId::new);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(ChatCompletionsController.REQUEST_ID_HEADER + ": " + e.getMessage(), null);
        }
        ChatCompletion answer = embeddings.embed(caller, ChatRequest.embeddings(parsed.model(), named, body,
                ChatCompletionsController.preferByok(preferByok), ChatCompletionsController.powerLevel(powerLevel)));
        return ChatCompletionsController.answer(answer, response);
    }
}

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
import dev.switchgear.domain.routing.api.Endpoint;
import dev.switchgear.domain.shared.PowerLevel;
import dev.switchgear.domain.shared.RequestId;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * OpenAI's legacy {@code POST /v1/completions} (the prompt API vLLM and Ollama users still call):
 * the body's shape checked ({@code prompt} as a string, strings or token arrays, {@code max_tokens},
 * {@code temperature}, {@code top_p}, {@code n}, {@code best_of}, {@code stop}, {@code suffix},
 * {@code echo}, {@code logprobs} — passed through to the upstream —, {@code stream} and
 * {@code stream_options.include_usage}), then sent to a model that serves the legacy completions,
 * as it is, and charged exactly like a chat completion. A stream is relayed as the upstream's
 * {@code text_completion} chunks, {@code [DONE]} after the durable charge (ADR 0022).
 */
@RestController
public class TextCompletionsController {

    /** OpenAI's limit on {@code stop} sequences. */
    static final int MAX_STOP = 4;
    /** OpenAI's limit on {@code logprobs}. */
    static final int MAX_LOGPROBS = 5;

    private final CompleteChatUseCase completions;
    private final ObjectReader reader;

    public TextCompletionsController(CompleteChatUseCase completions, ObjectMapper json) {
        this.completions = completions;
        this.reader = JsonBodies.strictReader(json);
    }

    @PostMapping("/v1/completions")
    ResponseEntity<byte[]> complete(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                    @RequestHeader(name = ChatCompletionsController.REQUEST_ID_HEADER, required = false)
                                    String requestId,
                                    @RequestHeader(name = ChatCompletionsController.IDEMPOTENCY_KEY_HEADER,
                                            required = false) String idempotencyKey,
                                    @RequestHeader(name = ChatCompletionsController.PREFER_BYOK_HEADER, required = false)
                                    String preferByok,
                                    @RequestHeader(name = ChatCompletionsController.POWER_LEVEL_HEADER, required = false)
                                    String powerLevel,
                                    @RequestBody(required = false) byte[] body, HttpServletResponse response) {
        boolean prefer = ChatCompletionsController.preferByok(preferByok);
        Optional<PowerLevel> level = ChatCompletionsController.powerLevel(powerLevel);
        String id = ChatCompletionsController.requestId(requestId, idempotencyKey);
        if (body == null || body.length == 0) {
            throw new BadRequestException("The request body is empty; send a JSON completions request", null);
        }
        JsonNode root = JsonBodies.object(reader, body);
        JsonNode model = root.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw new BadRequestException("you must provide a model parameter", "model");
        }
        prompt(root.get("prompt"));
        Optional<Integer> maxTokens = JsonFields.integer(root, "max_tokens", 0,
                ChatCompletionsController.MAX_OUTPUT_TOKENS).map(Long::intValue);
        number(root, "temperature", 0, 2);
        number(root, "top_p", 0, 1);
        number(root, "presence_penalty", -2, 2);
        number(root, "frequency_penalty", -2, 2);
        long n = JsonFields.integer(root, "n", 1, ChatCompletionsController.MAX_CHOICES).orElse(1L);
        long bestOf = JsonFields.integer(root, "best_of", 1, ChatCompletionsController.MAX_CHOICES).orElse(n);
        if (bestOf < n) {
            throw new BadRequestException("`best_of` must be at least `n`", "best_of");
        }
        JsonFields.integer(root, "logprobs", 0, MAX_LOGPROBS);
        JsonFields.integer(root, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
        JsonFields.bool(root, "echo");
        stop(root.get("stop"));
        text(root, "suffix");
        text(root, "user");
        JsonNode bias = root.get("logit_bias");
        if (bias != null && !bias.isNull() && !bias.isObject()) {
            throw new BadRequestException("`logit_bias` must be an object of token ids to numbers", "logit_bias");
        }
        boolean stream = JsonFields.bool(root, "stream").orElse(false);
        JsonNode streamOptions = root.get("stream_options");
        if (streamOptions != null && !streamOptions.isNull() && !streamOptions.isObject()) {
            throw new BadRequestException("`stream_options` must be an object", "stream_options");
        }
        boolean includeUsage = streamOptions != null && streamOptions.isObject()
                && JsonFields.bool(streamOptions, "include_usage").orElse(false);
        Optional<RequestId> named;
        try {
            named = Optional.ofNullable(id).map(RequestId::new);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(ChatCompletionsController.REQUEST_ID_HEADER + ": " + e.getMessage(), null);
        }
        ChatRequest request = new ChatRequest(model.asText(), maxTokens, named, body, includeUsage, prefer, level,
                Set.of(), Endpoint.COMPLETIONS);
        if (stream) {
            stream(caller, request, response);
            return null;
        }
        ChatCompletion completion = completions.complete(caller, request);
        return ChatCompletionsController.answer(completion, response);
    }

    private void stream(Caller caller, ChatRequest request, HttpServletResponse response) {
        SseSink sink = new SseSink(response);
        StreamedCompletion result;
        try {
            result = completions.stream(caller, request, sink);
        } catch (CompletionException | FailureWithRateLimits e) {
            CompletionException failure = ChatCompletionsController.midStream(sink.started(), e);
            sink.error(failure.getMessage(), "server_error", failure.code().name().toLowerCase());
            return;
        }
        if (result.failure().isPresent()) {
            sink.error(result.failure().get(), "server_error", "upstream_stream_failed");
        } else {
            sink.done();
        }
    }

    /** {@code prompt}: a string, a non-empty array of strings, of token ids, or of token-id arrays. */
    private static void prompt(JsonNode prompt) {
        String shape = "`prompt` must be a string, an array of strings, an array of token ids or an array of"
                + " token-id arrays";
        if (prompt == null || prompt.isNull()) {
            throw new BadRequestException("you must provide a prompt: " + shape.substring(shape.indexOf("a string")),
                    "prompt");
        }
        if (prompt.isTextual()) {
            return;
        }
        if (!prompt.isArray() || prompt.isEmpty()) {
            throw new BadRequestException(shape, "prompt");
        }
        boolean ids = prompt.get(0).isIntegralNumber();
        for (JsonNode item : prompt) {
            boolean fits = ids ? tokenId(item) : item.isTextual() || item.isArray() && !item.isEmpty()
                    && allTokenIds(item);
            if (!fits) {
                throw new BadRequestException(shape, "prompt");
            }
        }
    }

    private static boolean allTokenIds(JsonNode array) {
        for (JsonNode item : array) {
            if (!tokenId(item)) {
                return false;
            }
        }
        return true;
    }

    private static boolean tokenId(JsonNode item) {
        return item.isIntegralNumber() && item.canConvertToInt() && item.asInt() >= 0;
    }

    /** {@code stop}: a string or up to four strings. */
    private static void stop(JsonNode stop) {
        if (stop == null || stop.isNull() || stop.isTextual()) {
            return;
        }
        if (!stop.isArray() || stop.size() > MAX_STOP) {
            throw new BadRequestException("`stop` must be a string or an array of up to " + MAX_STOP + " strings", "stop");
        }
        for (JsonNode item : stop) {
            if (!item.isTextual()) {
                throw new BadRequestException("`stop` must be a string or an array of up to " + MAX_STOP + " strings",
                        "stop");
            }
        }
    }

    private static void number(JsonNode root, String field, double min, double max) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isNumber() || !Double.isFinite(value.asDouble()) || value.asDouble() < min || value.asDouble() > max) {
            throw new BadRequestException("`" + field + "` must be a number from " + fmt(min) + " to " + fmt(max), field);
        }
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static void text(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value != null && !value.isNull() && !value.isTextual()) {
            throw new BadRequestException("`" + field + "` must be a string", field);
        }
    }
}

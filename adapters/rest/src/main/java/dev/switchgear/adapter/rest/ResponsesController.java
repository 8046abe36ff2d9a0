package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.adapter.wire.WireFormatException;
import dev.switchgear.adapter.wire.responses.ResponseFrame;
import dev.switchgear.adapter.wire.responses.ResponsesCodec;
import dev.switchgear.adapter.wire.responses.ResponsesEventEncoder;
import dev.switchgear.application.port.in.completion.ChatCompletion;
import dev.switchgear.application.port.in.completion.ChatRequest;
import dev.switchgear.application.port.in.completion.CompleteChatUseCase;
import dev.switchgear.application.port.in.completion.CompletionException;
import dev.switchgear.application.port.in.completion.FailureWithRateLimits;
import dev.switchgear.application.port.in.completion.StreamedCompletion;
import dev.switchgear.application.port.in.responses.StoredResponsesUseCase;
import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.responses.StoredResponse;
import dev.switchgear.domain.shared.PowerLevel;
import dev.switchgear.domain.shared.RequestId;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * OpenAI's Responses API ({@code /v1/responses}, ADR 0021): a response is translated by the wire
 * module's {@link ResponsesCodec} into the gateway's chat request — after the conversation of the
 * stored response it continues ({@code previous_response_id}) — answered by the same engine as a
 * chat completion (routing, fallback, BYOK, holds and charges, rate limits, idempotency), and
 * translated back, whole or as the Responses stream events. With {@code store} (the default) the
 * response is kept for the account, to be read ({@code GET}), deleted ({@code DELETE}) or
 * continued. Errors are in OpenAI's shape; another account's response is a 404 like an unknown one.
 */
@RestController
public class ResponsesController {

    static final String PATH = "/v1/responses";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CompleteChatUseCase completions;
    private final StoredResponsesUseCase stored;
    private final ObjectMapper json;
    private final ObjectReader reader;
    private final ResponsesCodec codec;
    private final Clock clock;

    public ResponsesController(CompleteChatUseCase completions, StoredResponsesUseCase stored, ObjectMapper json,
                               Clock clock) {
        this.completions = completions;
        this.stored = stored;
        this.json = json;
        this.reader = JsonBodies.strictReader(json);
        this.codec = new ResponsesCodec(json);
        this.clock = clock;
    }

    @PostMapping(PATH)
    ResponseEntity<byte[]> create(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                  @RequestHeader(name = ChatCompletionsController.REQUEST_ID_HEADER, required = false)
                                  String requestIdHeader,
                                  @RequestHeader(name = ChatCompletionsController.IDEMPOTENCY_KEY_HEADER,
                                          required = false) String idempotencyKey,
                                  @RequestHeader(name = ChatCompletionsController.PREFER_BYOK_HEADER, required = false)
                                  String preferByok,
                                  @RequestHeader(name = ChatCompletionsController.POWER_LEVEL_HEADER, required = false)
                                  String powerLevelHeader,
                                  @RequestBody(required = false) byte[] body, HttpServletResponse response)
            throws IOException {
        if (body == null || body.length == 0) {
            throw new BadRequestException("The request body is empty; send a JSON Responses request", null);
        }
        JsonNode request = JsonBodies.object(reader, body);
        Optional<RequestId> requestId = requestId(ChatCompletionsController.requestId(requestIdHeader, idempotencyKey));
        boolean byok = ChatCompletionsController.preferByok(preferByok);
        Optional<PowerLevel> powerLevel = ChatCompletionsController.powerLevel(powerLevelHeader);
        ArrayNode input = translate(() -> codec.inputItems(request, id -> storedItem(caller, id)));
        ArrayNode conversation = json.createArrayNode();
        JsonNode previousId = request.get("previous_response_id");
        if (previousId != null && previousId.isTextual()) {
            StoredResponse previous = stored.find(caller, previousId.asText())
                    .orElseThrow(() -> new ResponseNotFoundException("Previous response with id '"
                            + printable(previousId.asText()) + "' not found.", "previous_response_id", "previous_response_not_found"));
            conversation = codec.conversation(json.readTree(previous.input()), json.readTree(previous.response()));
        }
        conversation.addAll(input);
        ArrayNode history = conversation;
        ObjectNode chat = translate(() -> codec.toChatRequest(request, history));
        Optional<Integer> maxTokens = chat.has("max_tokens") ? Optional.of(chat.get("max_tokens").intValue())
                : Optional.empty();
        ChatRequest chatRequest = new ChatRequest(request.path("model").asText(), maxTokens, requestId,
                json.writeValueAsBytes(chat), true, byok, powerLevel, ChatCompletionsController.needs(chat));
        ResponseFrame frame = new ResponseFrame(responseId(caller, requestId), clock.instant().getEpochSecond(),
                request);
        if (request.path("stream").asBoolean(false)) {
            stream(caller, chatRequest, frame, history, response);
            return null;
        }
        ChatCompletion completion = completions.complete(caller, chatRequest);
        ObjectNode answer = codec.toResponse(json.readTree(completion.body()), frame);
        if (frame.store()) {
            keep(caller, frame, history, answer);
        }
        return ChatCompletionsController.answer(completion, response, json.writeValueAsBytes(answer));
    }

    @GetMapping(PATH + "/{id}")
    ResponseEntity<byte[]> retrieve(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                    @PathVariable("id") String id) {
        StoredResponse found = stored.find(caller, id).orElseThrow(() -> notFound(id));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(found.response().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The input items of one of the caller's stored responses (the conversation up to it), newest
     * first unless {@code order=asc}, {@code limit} from 1 to 100 (20), after the item {@code after}.
     */
    @GetMapping(PATH + "/{id}/input_items")
    ResponseEntity<JsonNode> inputItems(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                        @PathVariable("id") String id,
                                        @RequestParam(name = "order", required = false) String order,
                                        @RequestParam(name = "limit", required = false) String limit,
                                        @RequestParam(name = "after", required = false) String after)
            throws IOException {
        boolean ascending;
        if (order == null || order.equals("desc")) {
            ascending = false;
        } else if (order.equals("asc")) {
            ascending = true;
        } else {
            throw new BadRequestException("`order` must be asc or desc", "order");
        }
        int size = 20;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                size = 0;
            }
            if (size < 1 || size > 100) {
                throw new BadRequestException("`limit` must be a whole number from 1 to 100", "limit");
            }
        }
        StoredResponse found = stored.find(caller, id).orElseThrow(() -> notFound(id));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(codec.inputItemsPage(found.id(),
                json.readTree(found.input()), ascending, size, Optional.ofNullable(after).filter(a -> !a.isBlank())));
    }

    @DeleteMapping(PATH + "/{id}")
    ResponseEntity<JsonNode> delete(@RequestAttribute(BearerAuthenticationFilter.CALLER) Caller caller,
                                    @PathVariable("id") String id) {
        if (!stored.delete(caller, id)) {
            throw notFound(id);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(codec.deleted(id));
    }

    /**
     * Streams the response's events. Nothing is written before the first chunk, so a refusal or an
     * upstream failure before it is a plain OpenAI error; {@code response.completed} follows the
     * durable charge and the stored response; a stream that breaks off ends with {@code error} and
     * {@code response.failed}; one whose caller left is charged for what was sent and not stored.
     */
    private void stream(Caller caller, ChatRequest request, ResponseFrame frame, ArrayNode history,
                        HttpServletResponse response) {
        ResponsesEventEncoder encoder = codec.eventEncoder(frame);
        ResponsesSseSink sink = new ResponsesSseSink(response, json, encoder);
        StreamedCompletion result;
        try {
            result = completions.stream(caller, request, sink);
        } catch (CompletionException | FailureWithRateLimits e) {
            CompletionException failure = ChatCompletionsController.midStream(sink.started(), e);
            sink.error(failure.getMessage(), failure.code().name().toLowerCase());
            return;
        }
        if (result.failure().isPresent()) {
            sink.error(result.failure().get(), "upstream_stream_failed");
            return;
        }
        if (sink.callerGone()) {
            return;
        }
        List<ResponsesEventEncoder.Event> closing = encoder.done();
        if (frame.store()) {
            try {
                keep(caller, frame, history, encoder.response());
            } catch (RuntimeException e) {
                sink.error("The response was answered and charged but could not be stored", "response_not_stored");
                return;
            }
        }
        sink.close(closing);
    }

    /** An item of one of the caller's stored responses, named by an {@code item_reference}. */
    private Optional<JsonNode> storedItem(Caller caller, String itemId) {
        return ResponsesCodec.responseOfItem(itemId).flatMap(id -> stored.find(caller, id)).flatMap(found -> {
            try {
                return ResponsesCodec.findItem(itemId, json.readTree(found.input()), json.readTree(found.response()));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    private void keep(Caller caller, ResponseFrame frame, ArrayNode history, ObjectNode answer) {
        try {
            stored.keep(caller, frame.id(), answer.path("model").asText(), json.writeValueAsString(history),
                    json.writeValueAsString(answer));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a response could not be written as JSON", e);
        }
    }

    /**
     * The response's id: for a request the caller named (its own request id), derived from the
     * account and that id, so a retry answered with the kept answer is the same response; else random.
     */
    static String responseId(Caller caller, Optional<RequestId> requestId) {
        byte[] bits;
        if (requestId.isPresent()) {
            try {
                bits = MessageDigest.getInstance("SHA-256").digest((caller.account().value() + "\n"
                        + requestId.get().value()).getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        } else {
            bits = new byte[24];
            RANDOM.nextBytes(bits);
        }
        return ResponsesCodec.ID_PREFIX + HexFormat.of().formatHex(bits, 0, 24);
    }

    private static <T> T translate(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (WireFormatException e) {
            throw new BadRequestException(e.getMessage(), e.field());
        }
    }

    private static Optional<RequestId> requestId(String header) {
        try {
            return Optional.ofNullable(header).map(RequestId::new);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(ChatCompletionsController.REQUEST_ID_HEADER + ": " + e.getMessage(), null);
        }
    }

    private static ResponseNotFoundException notFound(String id) {
        return new ResponseNotFoundException("Response with id '" + printable(id) + "' not found.", null, null);
    }

    /** An id as it may be shown back: printable ASCII, at most 128 characters. */
    private static String printable(String id) {
        String cut = id.length() > 128 ? id.substring(0, 128) : id;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** No such response for the caller's account (unknown, expired, deleted or another account's). */
    static final class ResponseNotFoundException extends RuntimeException {
        private final String param;
        private final String code;

        ResponseNotFoundException(String message, String param, String code) {
            super(message, null, false, false);
            this.param = param;
            this.code = code;
        }
    }

    @ExceptionHandler(ResponseNotFoundException.class)
    ResponseEntity<OpenAiError> notFound(ResponseNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
                .body(new OpenAiError(new OpenAiError.Body(e.getMessage(), "invalid_request_error", e.param, e.code)));
    }
}

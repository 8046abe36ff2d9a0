package dev.switchgear.adapter.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.switchgear.adapter.wire.openai.ChatContent;
import dev.switchgear.domain.shared.TokenUsage;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Counts tokens locally when an upstream reports no usage (or a stream is cut short).
 *
 * <p>OpenAI-family models are counted with their real tokenizer (jtokkit: {@code o200k_base} for
 * the GPT-4o/4.1/o-series, {@code cl100k_base} for GPT-4 and 3.5), with OpenAI's documented chat
 * overhead of 3 tokens per message and 3 for the reply's priming. For every other model the
 * documented estimate is one token per four bytes of UTF-8 text, rounded up. Charges made from
 * either are marked estimated.
 */
public final class TokenEstimate {

    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    private static final int PER_MESSAGE = 3;
    private static final int REPLY_PRIMING = 3;

    private final Optional<Encoding> encoding;

    private TokenEstimate(Optional<Encoding> encoding) {
        this.encoding = encoding;
    }

    /** The counter for an upstream model id. */
    public static TokenEstimate forModel(String model) {
        String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
        if (m.startsWith("gpt-4o") || m.startsWith("gpt-4.1") || m.startsWith("gpt-5") || m.matches("^o[1-9].*")
                || m.startsWith("chatgpt-4o")) {
            return new TokenEstimate(Optional.of(REGISTRY.getEncoding(EncodingType.O200K_BASE)));
        }
        if (m.startsWith("gpt-4") || m.startsWith("gpt-3.5")) {
            return new TokenEstimate(Optional.of(REGISTRY.getEncoding(EncodingType.CL100K_BASE)));
        }
        return new TokenEstimate(Optional.empty());
    }

    public boolean exact() {
        return encoding.isPresent();
    }

    /** Tokens of a text. */
    public long count(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return encoding.map(e -> (long) e.countTokensOrdinary(text))
                .orElseGet(() -> (text.getBytes(StandardCharsets.UTF_8).length + 3L) / 4);
    }

    /** Prompt tokens of an OpenAI chat request: every message's text, name and tool calls, plus overheads. */
    public long prompt(JsonNode request) {
        long tokens = REPLY_PRIMING;
        for (JsonNode message : request.path("messages")) {
            tokens += PER_MESSAGE + count(message.path("role").asText(""));
            tokens += count(text(message.path("content")));
            if (message.hasNonNull("name")) {
                tokens += 1 + count(message.path("name").asText());
            }
            for (JsonNode call : message.path("tool_calls")) {
                tokens += count(call.path("function").path("name").asText(""))
                        + count(call.path("function").path("arguments").asText(""));
            }
        }
        if (request.has("tools")) {
            tokens += count(request.get("tools").toString());
        }
        if (request.has("prompt")) {
            tokens = legacyPrompt(request.get("prompt"));
        }
        return tokens;
    }

    /** Prompt tokens of a legacy completions request: its text(s), or the token ids as given. */
    private long legacyPrompt(JsonNode prompt) {
        if (prompt.isTextual()) {
            return count(prompt.asText());
        }
        long tokens = 0;
        for (JsonNode item : prompt) {
            tokens += item.isTextual() ? count(item.asText()) : item.isArray() ? item.size() : 1;
        }
        return tokens;
    }

    /** Input tokens of an OpenAI embeddings request: its texts, or the token ids as given. */
    public long embeddingInput(JsonNode request) {
        return legacyPrompt(request.path("input"));
    }

    /** Usage of a whole non-streamed answer: the request's prompt and every choice's message. */
    public TokenUsage of(JsonNode request, JsonNode response) {
        long output = 0;
        for (JsonNode choice : response.path("choices")) {
            JsonNode message = choice.path("message");
            output += count(text(message.path("content")));
            output += count(choice.path("text").asText(""));
            for (JsonNode call : message.path("tool_calls")) {
                output += count(call.path("function").path("name").asText(""))
                        + count(call.path("function").path("arguments").asText(""));
            }
        }
        return new TokenUsage(prompt(request), output);
    }

    static String text(JsonNode content) {
        return ChatContent.text(content);
    }
}

package dev.switchgear.adapter.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchgear.domain.shared.TokenUsage;
import java.nio.charset.StandardCharsets;

/**
 * Counts tokens locally when an upstream reports no usage: one token per four bytes of UTF-8 text,
 * rounded up (OpenAI's own rule of thumb for English), over the whole request body for the prompt
 * and over every choice's message content for the output. Charges made from it are marked
 * estimated. A real tokenizer per model family comes with the full API work.
 */
final class TokenEstimate {

    private TokenEstimate() {
    }

    static TokenUsage of(byte[] requestBody, JsonNode response) {
        long outputBytes = 0;
        for (JsonNode choice : response.path("choices")) {
            String content = choice.path("message").path("content").asText("");
            outputBytes += content.getBytes(StandardCharsets.UTF_8).length;
        }
        return new TokenUsage(ceilQuarter(requestBody.length), ceilQuarter(outputBytes));
    }

    private static long ceilQuarter(long bytes) {
        return (bytes + 3) / 4;
    }
}

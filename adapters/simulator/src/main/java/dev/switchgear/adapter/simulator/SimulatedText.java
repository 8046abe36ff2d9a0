package dev.switchgear.adapter.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The simulator's text rules: its token count, cutting to a token budget, stream pieces, message text. */
final class SimulatedText {

    private SimulatedText() {
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

    /** Splits text into pieces of at most {@code maxBytes} UTF-8 bytes, on code-point boundaries. */
    static List<String> pieces(String text, int maxBytes) {
        List<String> pieces = new ArrayList<>();
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

    /** A message's text: the string, or its text parts joined. */
    static String text(JsonNode content) {
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

    /** Token ids written out as text, space-separated. */
    static String ids(JsonNode tokens) {
        StringBuilder text = new StringBuilder();
        for (JsonNode token : tokens) {
            text.append(text.isEmpty() ? "" : " ").append(token.asText());
        }
        return text.toString();
    }

    static int[] tokenIds(JsonNode array) {
        int[] ids = new int[array.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = array.get(i).asInt();
        }
        return ids;
    }
}

package dev.switchgear.adapter.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.adapter.wire.WireFormatException;
import dev.switchgear.adapter.wire.openai.ChatContent;
import java.util.HashMap;
import java.util.Map;

/**
 * An OpenAI chat request as a Gemini {@code GenerateContentRequest}: system messages become
 * {@code systemInstruction}, messages become {@code contents} with roles user/model, tool calls and
 * results become {@code functionCall}/{@code functionResponse} parts, tools become
 * {@code functionDeclarations}, sampling settings go to {@code generationConfig}.
 */
final class ToGeminiRequest {

    private final ObjectMapper json;

    ToGeminiRequest(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode convert(JsonNode openAi, Integer defaultMaxTokens) {
        ObjectNode request = json.createObjectNode();
        StringBuilder system = new StringBuilder();
        ArrayNode contents = request.putArray("contents");
        Map<String, String> toolNames = new HashMap<>();
        for (JsonNode message : openAi.path("messages")) {
            String role = message.path("role").asText();
            switch (role) {
                case "system", "developer" -> system.append(system.isEmpty() ? "" : "\n\n")
                        .append(ChatContent.text(message.path("content")));
                case "user" -> append(contents, "user", userParts(message.path("content")));
                case "assistant" -> append(contents, "model", modelParts(message, toolNames));
                case "tool" -> {
                    ArrayNode parts = json.createArrayNode();
                    ObjectNode response = parts.addObject().putObject("functionResponse");
                    response.put("name", toolNames.getOrDefault(message.path("tool_call_id").asText(), "tool"));
                    response.putObject("response").put("content", ChatContent.text(message.path("content")));
                    append(contents, "user", parts);
                }
                default -> throw new WireFormatException("messages with role `" + role + "` are not supported");
            }
        }
        if (!system.isEmpty()) {
            request.putObject("systemInstruction").putArray("parts").addObject().put("text", system.toString());
        }
        generationConfig(openAi, defaultMaxTokens, request.putObject("generationConfig"));
        if (openAi.path("tools").isArray() && !openAi.path("tools").isEmpty()) {
            tools(openAi, request);
        }
        return request;
    }

    private ArrayNode userParts(JsonNode content) {
        ArrayNode parts = json.createArrayNode();
        if (content.isTextual()) {
            parts.addObject().put("text", content.asText());
        } else {
            for (JsonNode part : content) {
                if ("text".equals(part.path("type").asText())) {
                    parts.addObject().put("text", part.path("text").asText());
                } else if ("image_url".equals(part.path("type").asText())) {
                    parts.add(image(part.path("image_url").path("url").asText()));
                }
            }
        }
        return parts;
    }

    private ArrayNode modelParts(JsonNode message, Map<String, String> toolNames) {
        ArrayNode parts = json.createArrayNode();
        String text = ChatContent.text(message.path("content"));
        if (!text.isEmpty()) {
            parts.addObject().put("text", text);
        }
        for (JsonNode call : message.path("tool_calls")) {
            String name = call.path("function").path("name").asText();
            toolNames.put(call.path("id").asText(), name);
            ObjectNode functionCall = parts.addObject().putObject("functionCall");
            functionCall.put("name", name);
            functionCall.set("args", ChatContent.argumentsOrReject(json, call.path("function").path("arguments")
                    .asText("{}")));
        }
        return parts;
    }

    private static void generationConfig(JsonNode openAi, Integer defaultMaxTokens, ObjectNode generation) {
        JsonNode cap = openAi.hasNonNull("max_completion_tokens") ? openAi.get("max_completion_tokens")
                : openAi.get("max_tokens");
        if (defaultMaxTokens != null) {
            generation.put("maxOutputTokens", defaultMaxTokens);
        } else if (cap != null && cap.canConvertToInt()) {
            generation.put("maxOutputTokens", cap.asInt());
        }
        ChatContent.copy(openAi, "temperature", generation, "temperature");
        ChatContent.copy(openAi, "top_p", generation, "topP");
        ChatContent.copy(openAi, "seed", generation, "seed");
        ChatContent.copy(openAi, "n", generation, "candidateCount");
        ChatContent.putStopSequences(openAi.get("stop"), generation, "stopSequences");
        if (openAi.path("response_format").path("type").asText().startsWith("json")) {
            generation.put("responseMimeType", "application/json");
        }
    }

    private static void tools(JsonNode openAi, ObjectNode request) {
        ArrayNode declarations = request.putArray("tools").addObject().putArray("functionDeclarations");
        for (JsonNode tool : openAi.path("tools")) {
            JsonNode function = tool.path("function");
            ObjectNode declaration = declarations.addObject();
            declaration.put("name", function.path("name").asText());
            if (function.hasNonNull("description")) {
                declaration.put("description", function.get("description").asText());
            }
            if (function.hasNonNull("parameters")) {
                declaration.set("parameters", function.get("parameters"));
            }
        }
        JsonNode choice = openAi.get("tool_choice");
        if (choice != null && !choice.isNull()) {
            ObjectNode config = request.putObject("toolConfig").putObject("functionCallingConfig");
            if (choice.isTextual()) {
                config.put("mode", switch (choice.asText()) {
                    case "required" -> "ANY";
                    case "none" -> "NONE";
                    default -> "AUTO";
                });
            } else {
                config.put("mode", "ANY");
                config.putArray("allowedFunctionNames").add(choice.path("function").path("name").asText());
            }
        }
    }

    private ObjectNode image(String url) {
        ObjectNode part = json.createObjectNode();
        if (url.startsWith("data:") && url.contains(";base64,")) {
            ObjectNode inline = part.putObject("inlineData");
            inline.put("mimeType", url.substring(5, url.indexOf(';')));
            inline.put("data", url.substring(url.indexOf(',') + 1));
        } else {
            ObjectNode file = part.putObject("fileData");
            file.put("fileUri", url);
        }
        return part;
    }

    private static void append(ArrayNode contents, String role, ArrayNode parts) {
        if (parts.isEmpty()) {
            return;
        }
        JsonNode last = contents.isEmpty() ? null : contents.get(contents.size() - 1);
        if (last != null && role.equals(last.path("role").asText())) {
            ((ArrayNode) last.get("parts")).addAll(parts);
            return;
        }
        ObjectNode content = contents.addObject();
        content.put("role", role);
        content.set("parts", parts);
    }
}

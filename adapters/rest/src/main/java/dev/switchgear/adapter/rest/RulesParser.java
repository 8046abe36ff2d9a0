package dev.switchgear.adapter.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchgear.domain.shared.PowerLevel;
import dev.switchgear.domain.routing.api.RoutingRules;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The routing rules document of {@code /api/v1/llm/routing/rules}, read strictly as a whole
 * ({@code PUT}, and the result of a {@code PATCH}), and JSON merge patch (RFC 7386) over it.
 */
final class RulesParser {

    private static final Set<String> FIELDS = Set.of("chains", "quality_floors", "max_attempts", "catalog_version");

    private RulesParser() {
    }

    /** Whole rules: every field present and of its type, or a 400 naming the first one that is not. */
    static RoutingRules whole(JsonNode document) {
        for (Iterator<String> names = document.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new BadRequestException("unknown field `" + name + "`; the rules are chains, quality_floors and "
                        + "max_attempts", name);
            }
        }
        JsonNode floorsNode = required(document, "quality_floors");
        if (!floorsNode.isObject()) {
            throw new BadRequestException("`quality_floors` must be an object keyed eco, balanced, precision",
                    "quality_floors");
        }
        Map<PowerLevel, Integer> floors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = floorsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> floor = it.next();
            PowerLevel level = PowerLevel.fromCode(floor.getKey()).orElseThrow(() -> new BadRequestException(
                    "quality_floors are keyed eco, balanced, precision", "quality_floors"));
            floors.put(level, (int) JsonFields.integerValue(floor.getValue(), "quality_floors", 0, 100));
        }
        JsonNode chainsNode = required(document, "chains");
        if (!chainsNode.isObject()) {
            throw new BadRequestException("`chains` must be an object of chain name to an array of model ids", "chains");
        }
        Map<String, List<String>> chains = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = chainsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> chain = it.next();
            if (!chain.getValue().isArray()) {
                throw new BadRequestException("each chain is an array of model ids", "chains");
            }
            List<String> members = new ArrayList<>();
            for (JsonNode member : chain.getValue()) {
                if (!member.isTextual()) {
                    throw new BadRequestException("each chain is an array of model ids (strings)", "chains");
                }
                members.add(member.textValue());
            }
            chains.put(chain.getKey(), members);
        }
        int maxAttempts = (int) JsonFields.integerValue(required(document, "max_attempts"), "max_attempts", 1, 10);
        return new RoutingRules(chains, floors, maxAttempts);
    }

    /** RFC 7386: {@code patch} applied to {@code target} (a copy; neither argument is changed). */
    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy()
                : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if (member.getValue().isNull()) {
                result.remove(member.getKey());
            } else {
                result.set(member.getKey(), mergePatch(result.get(member.getKey()), member.getValue()));
            }
        }
        return result;
    }

    private static JsonNode required(JsonNode document, String field) {
        JsonNode value = document.get(field);
        if (value == null || value.isNull()) {
            throw new BadRequestException("`" + field + "` is required: PUT replaces the whole rules (PATCH changes "
                    + "part of them)", field);
        }
        return value;
    }
}

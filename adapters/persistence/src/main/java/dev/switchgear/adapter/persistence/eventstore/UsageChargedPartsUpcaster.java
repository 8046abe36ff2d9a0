package dev.switchgear.adapter.persistence.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads {@code UsageCharged} events written before revision 5 (ADR 0023) as revision 5: no part of
 * the usage was known then, so the parts are zero, and each part's rate is the rate such tokens were
 * in effect charged at — the input rate for cache reads and writes, the output rate for reasoning.
 * The cost the event records is therefore still exactly its price applied to its usage. The stored
 * bytes never change.
 */
public final class UsageChargedPartsUpcaster extends SingleEventUpcaster {

    static final String TYPE = "dev.switchgear.domain.credit.api.UsageCharged";
    static final String REVISION = "5";

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return TYPE.equals(representation.getType().getName())
                && !Objects.equals(REVISION, representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(TYPE, REVISION), JsonNode.class,
                UsageChargedPartsUpcaster::withParts);
    }

    static JsonNode withParts(JsonNode node) {
        if (!(node instanceof ObjectNode event)) {
            return node;
        }
        ObjectNode upcast = event.deepCopy();
        long inputRate = event.path("inputPricePer1kTokens").asLong(0);
        long outputRate = event.path("outputPricePer1kTokens").asLong(0);
        for (String part : new String[] {"cachedInputTokens", "cacheWrite5mTokens", "cacheWrite1hTokens",
                "reasoningTokens"}) {
            if (!upcast.has(part)) {
                upcast.put(part, 0L);
            }
        }
        putIfAbsent(upcast, "cachedInputPricePer1kTokens", inputRate);
        putIfAbsent(upcast, "cacheWrite5mPricePer1kTokens", inputRate);
        putIfAbsent(upcast, "cacheWrite1hPricePer1kTokens", inputRate);
        putIfAbsent(upcast, "reasoningPricePer1kTokens", outputRate);
        return upcast;
    }

    private static void putIfAbsent(ObjectNode node, String field, long value) {
        if (!node.has(field)) {
            node.put(field, value);
        }
    }
}

package dev.switchgear.adapter.persistence.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads events stored under an older name or shape as today's: each {@link Rename} maps one stored
 * type and revision to the type and revision the domain has now, renaming payload fields on the way
 * (the stored bytes are never rewritten: events are permanent). The list of renames is the record
 * of every such change; {@link #ALL} holds them.
 */
public final class RenamedEventUpcaster extends SingleEventUpcaster {

    private static final String CREDIT = "dev.switchgear.domain.credit.api.";
    private static final String ROUTING = "dev.switchgear.domain.routing.api.";

    /** Stripe's names in the credit events gave way to neutral ones (ADR 0012). */
    private static final Map<String, String> PAYMENT_FIELDS = Map.of(
            "checkoutSessionId", "checkoutReference",
            "paymentIntentId", "paymentReference",
            "chargeId", "chargeReference",
            "stripeEventId", "paymentEventId");

    /** Every rename since events were first written; never remove one. */
    public static final List<Rename> ALL = List.of(
            new Rename(CREDIT + "CreditsPurchased", "1", CREDIT + "CreditsPurchased", "2", PAYMENT_FIELDS),
            new Rename(CREDIT + "CreditsRefunded", "1", CREDIT + "CreditsRefunded", "2", PAYMENT_FIELDS),
            new Rename(CREDIT + "PaymentFailed", "1", CREDIT + "PaymentFailed", "2", PAYMENT_FIELDS),
            new Rename(CREDIT + "StripeRefundPending", "1", CREDIT + "RefundPending", "2", PAYMENT_FIELDS),
            // the accounts' preferences became the accounts' own; those kept in the policy's stream keep their shape
            new Rename(ROUTING + "PowerLevelChosen", "1", CREDIT + "PowerLevelChosen", "1", Map.of()),
            new Rename(ROUTING + "ByokPreferenceSet", "1", CREDIT + "ByokPreferenceSet", "1", Map.of()));

    /**
     * One change of a stored event: from its stored type and revision to today's, with the payload
     * fields renamed ({@code old name -> new name}).
     */
    public record Rename(String fromType, String fromRevision, String toType, String toRevision,
                         Map<String, String> fields) {

        public Rename {
            Objects.requireNonNull(fromType, "fromType");
            Objects.requireNonNull(toType, "toType");
            fields = Map.copyOf(fields);
        }

        boolean matches(SerializedType type) {
            return fromType.equals(type.getName()) && Objects.equals(fromRevision, type.getRevision());
        }
    }

    private final List<Rename> renames;

    public RenamedEventUpcaster() {
        this(ALL);
    }

    RenamedEventUpcaster(List<Rename> renames) {
        this.renames = List.copyOf(renames);
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return find(representation.getType()) != null;
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        Rename rename = find(representation.getType());
        return representation.upcastPayload(new SimpleSerializedType(rename.toType(), rename.toRevision()),
                JsonNode.class, node -> renameFields(node, rename.fields()));
    }

    private Rename find(SerializedType type) {
        for (Rename rename : renames) {
            if (rename.matches(type)) {
                return rename;
            }
        }
        return null;
    }

    private static JsonNode renameFields(JsonNode node, Map<String, String> fields) {
        if (!(node instanceof ObjectNode object) || fields.isEmpty()) {
            return node;
        }
        ObjectNode renamed = object.objectNode();
        object.fields().forEachRemaining(field ->
                renamed.set(fields.getOrDefault(field.getKey(), field.getKey()), field.getValue()));
        return renamed;
    }
}

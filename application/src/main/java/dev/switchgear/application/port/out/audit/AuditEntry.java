package dev.switchgear.application.port.out.audit;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the audit log, projected from one event (its {@code id} is the event's identifier).
 * {@code accountId} is null for platform changes (catalog, routing rules, master key). {@code actor}
 * names the credential ({@code admin}, {@code key:<key id>}, {@code user:<subject>},
 * {@code account:<id>}), {@code system} when no request caused it, {@code unknown} for events stored
 * before the audit log; {@code actorRole} is {@code admin}, {@code user}, {@code system} or
 * {@code unknown}. {@code target} names what was acted on (a key id, provider or model) or is null;
 * {@code details} holds only non-secret values (amounts, levels, labels, masked previews) as JSON
 * values: strings, numbers, booleans, lists and maps. Client address and user agent are null when
 * no request caused the change.
 */
public record AuditEntry(String id, Instant at, AccountId accountId, String actor, String actorRole,
                         AuditAction action, String target, Map<String, Object> details, String clientAddress,
                         String userAgent) {

    public AuditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(actorRole, "actorRole");
        Objects.requireNonNull(action, "action");
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}

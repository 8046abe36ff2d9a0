package dev.switchgear.application.port.out.audit;

import java.time.Instant;
import java.util.Objects;

/** Where a page of the audit log ended: the last entry's time and id (entries are listed newest first). */
public record AuditCursor(Instant at, String id) {

    public AuditCursor {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(id, "id");
    }

    public static AuditCursor after(AuditEntry entry) {
        return new AuditCursor(entry.at(), entry.id());
    }
}

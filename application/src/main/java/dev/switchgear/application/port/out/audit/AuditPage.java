package dev.switchgear.application.port.out.audit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of the audit log, newest first, and where the next page starts (empty: this was the last). */
public record AuditPage(List<AuditEntry> entries, Optional<AuditCursor> next) {

    public AuditPage {
        entries = List.copyOf(entries);
        Objects.requireNonNull(next, "next");
    }
}

package dev.switchgear.domain.audit.api;

import java.time.Instant;
import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * A read model was rebuilt from the event store by the administrator (ADR 0025). It belongs to no
 * aggregate and is published on its own, for the audit log: which projection (its processing
 * group), how (the {@code mode}), how many events were read, up to which position of the store, and
 * the read model's checksum and row count before and after — equal when the live read model was
 * right. It carries digests and counts, never a row's content.
 */
@Revision("1")
public record ProjectionRebuilt(String projection, String mode, long eventsReplayed, long position,
                                String checksumBefore, long rowsBefore, String checksumAfter, long rowsAfter,
                                Instant rebuiltAt) {

    public ProjectionRebuilt {
        Objects.requireNonNull(projection, "projection");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(rebuiltAt, "rebuiltAt");
        if (eventsReplayed < 0 || rowsBefore < 0 || rowsAfter < 0) {
            throw new IllegalArgumentException("counts are 0 or more");
        }
    }

    /** Whether the rebuilt read model has the same content as the live one had. */
    public boolean matched() {
        return Objects.equals(checksumBefore, checksumAfter) && rowsBefore == rowsAfter;
    }
}

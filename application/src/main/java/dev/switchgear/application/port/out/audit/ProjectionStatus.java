package dev.switchgear.application.port.out.audit;

import java.util.List;
import java.util.OptionalLong;

/**
 * One event processor and what it feeds, as a rebuild sees it: its name (the processing group), how
 * it runs ({@code subscribing}, {@code tracking}, {@code pooled}), its position in the event store
 * and the store's head (streaming processors; empty for subscribing ones, which have no token), how
 * many events it is behind, and whether it is running, replaying or failing. {@code kind} says what
 * a rebuild may do with it; {@code tables} are the read model's tables the checksum covers.
 */
public record ProjectionStatus(String name, String mode, Kind kind, boolean running, boolean replaying,
                               boolean failing, boolean rebuilding, OptionalLong position, OptionalLong head,
                               List<String> tables) {

    public ProjectionStatus {
        tables = List.copyOf(tables);
    }

    /** Events of the store this processor has not handled yet; empty when it has no position. */
    public OptionalLong lag() {
        if (position.isEmpty() || head.isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(0, head.getAsLong() - position.getAsLong()));
    }

    /** What a rebuild may do with a processor. */
    public enum Kind {
        /** A read model with declared tables: rebuilt in one transaction, checksummed before and after. */
        READ_MODEL,
        /** A replayable processor with no declared tables: its tokens are reset, its own reset handlers clear it. */
        RESET_ONLY,
        /** It calls out (Lago, webhooks, alerts) or declares nothing to rebuild: never replayed. */
        SIDE_EFFECT
    }
}

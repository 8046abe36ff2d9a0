package dev.switchgear.application.port.out.audit;

import java.util.Optional;

/**
 * What a rebuild did: the processor, how ({@code transactional-replay} or {@code reset-tokens}), how
 * many events it handed to the projection, the store position it replayed up to, and the read
 * model's checksum before and after (empty for a reset-only processor, whose tables are not declared).
 */
public record RebuildOutcome(String projection, String mode, long eventsReplayed, long position,
                             Optional<ReadModelChecksum> before, Optional<ReadModelChecksum> after) {
}

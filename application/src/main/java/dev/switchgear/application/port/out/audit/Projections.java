package dev.switchgear.application.port.out.audit;

import java.util.List;
import java.util.Optional;

/**
 * The event processors registered with the event-processing framework and the read models they
 * feed (ADR 0025): their status, and a rebuild of one from the event store that never lets a
 * side-effect handler fire again.
 */
public interface Projections {

    /** Every processor, by name. */
    List<ProjectionStatus> all();

    /** One processor; empty when there is none of that name. */
    Optional<ProjectionStatus> status(String name);

    /**
     * Rebuilds the named processor's read model from the event store and reports its checksum
     * before and after. Refuses ({@link ProjectionRefused}) an unknown name, a side-effect
     * processor, and a second rebuild of one already being rebuilt.
     */
    RebuildOutcome rebuild(String name);
}

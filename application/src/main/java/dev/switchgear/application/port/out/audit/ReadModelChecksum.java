package dev.switchgear.application.port.out.audit;

/**
 * An order-independent digest of a read model's rows (the columns derived from events) and how many
 * rows it has: two read models with the same rows in any order have the same checksum.
 */
public record ReadModelChecksum(String digest, long rows) {
}

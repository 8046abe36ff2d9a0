package dev.switchgear.application.port.out.usage;

import dev.switchgear.domain.shared.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The usage rollups and raw rows, read for analytics (ADR 0024). {@code account} empty means the
 * whole platform; ranges are {@code [from, to)}, and the series and breakdowns count every bucket
 * that starts in the range (callers align the range to the bucket).
 */
public interface UsageAnalytics {

    /** The buckets that have usage, oldest first. */
    List<UsagePoint> series(Optional<AccountId> account, Instant from, Instant to, Bucket bucket);

    /**
     * Usage by {@code by}, most requests first, shares not set. By {@link Dimension#API_KEY} the key is
     * the key id, {@code unknown} for charges that record none.
     */
    List<UsageSlice> breakdown(Optional<AccountId> account, Instant from, Instant to, Dimension by);

    /** Requests per model over the whole platform, for ranking the catalog by popularity. */
    Map<String, Long> requestsByModel(Instant from, Instant to);

    /**
     * Each of the account's charged requests in [from, to), oldest first, handed to {@code row} as it
     * is read from the database (never all held at once).
     */
    void export(AccountId account, Instant from, Instant to, Consumer<UsageRecord> row);
}

package dev.switchgear.application.port.in.usage;

import dev.switchgear.application.port.in.shared.Caller;
import dev.switchgear.application.port.out.usage.Bucket;
import dev.switchgear.application.port.out.usage.Dimension;
import dev.switchgear.application.port.out.usage.UsagePoint;
import dev.switchgear.application.port.out.usage.UsageRecord;
import dev.switchgear.application.port.out.usage.UsageSlice;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Usage analytics (ADR 0024): series, breakdowns, model popularity, the dashboard's overview and the
 * CSV export. An account sees only its own usage (naming another account is ACCOUNT_NOT_FOUND, as
 * everywhere); the administrator may name any account or ask platform-wide (ADMIN_REQUIRED for
 * anyone else). Ranges are [from, to), widened to whole buckets; a range that is empty, reversed or
 * too long for its bucket is refused with an {@link IllegalArgumentException}.
 */
public interface UsageAnalyticsUseCase {

    /** Every bucket from the one holding {@code from} to the last before {@code to}, empty ones included. */
    List<UsagePoint> series(Caller caller, AnalyticsScope scope, Instant from, Instant to, Bucket bucket);

    /** Usage by one dimension over whole days, most requests first, with each slice's share of the requests. */
    List<UsageSlice> breakdown(Caller caller, AnalyticsScope scope, Instant from, Instant to, Dimension by);

    /**
     * The most used models, at most {@code limit} (1 to 100): the caller's own usage, or the whole
     * platform's for the administrator's key.
     */
    List<UsageSlice> modelPopularity(Caller caller, Instant from, Instant to, int limit);

    /** The dashboard of the last {@code days} days (1 to 366) up to now, of the caller's scope. */
    UsageOverview overview(Caller caller, AnalyticsScope scope, int days);

    /** The account's charged requests in [from, to), oldest first, each handed to {@code row} as it is read. */
    void export(Caller caller, AnalyticsScope scope, Instant from, Instant to, Consumer<UsageRecord> row);
}

package dev.switchgear.adapter.persistence.readmodel;

import dev.switchgear.application.port.out.usage.Bucket;
import dev.switchgear.application.port.out.usage.Dimension;
import dev.switchgear.application.port.out.usage.UsageAnalytics;
import dev.switchgear.application.port.out.usage.UsagePoint;
import dev.switchgear.application.port.out.usage.UsageRecord;
import dev.switchgear.application.port.out.usage.UsageSlice;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Reads the usage rollups ({@code usage_hourly}, {@code usage_daily} and their platform-wide
 * {@code _all} twins; the counts of requests that failed outright, {@code usage_failed_*}) and
 * streams raw rows ({@code usage_row}) for exports (ADR 0024).
 */
public class JooqUsageAnalytics implements UsageAnalytics {

    /** Rows fetched from the server at a time while an export is streamed. */
    static final int EXPORT_FETCH_SIZE = 500;

    private final DSLContext db;

    public JooqUsageAnalytics(DSLContext db) {
        this.db = db;
    }

    @Override
    public List<UsagePoint> series(Optional<AccountId> account, Instant from, Instant to, Bucket bucket) {
        String grain = bucket == Bucket.HOUR ? "hourly" : "daily";
        String start = switch (bucket) {
            case HOUR, DAY -> "bucket";
            case WEEK -> "date_trunc('week', bucket at time zone 'UTC') at time zone 'UTC'";
            case MONTH -> "date_trunc('month', bucket at time zone 'UTC') at time zone 'UTC'";
        };
        List<Object> binds = new ArrayList<>();
        String where = where(account, from, to, binds);
        Map<Instant, UsagePoint> points = new TreeMap<>();
        db.fetch("select " + start + " as start, sum(requests), sum(input_tokens), sum(output_tokens), "
                + "sum(cost_micros), coalesce(sum(requests) filter (where byok), 0), sum(estimated_requests), "
                + "sum(failed_requests) from " + table(grain, account) + " where " + where + " group by 1",
                binds.toArray()).forEach(r -> {
                    Instant at = r.get(0, OffsetDateTime.class).toInstant();
                    points.put(at, new UsagePoint(at, asLong(r.get(1)), asLong(r.get(2)), asLong(r.get(3)),
                            MicroCredits.of(asLong(r.get(4))), asLong(r.get(5)), asLong(r.get(6)), 0,
                            asLong(r.get(7))));
                });
        // requests that failed outright (V14): counted apart, merged into the same buckets
        db.fetch("select " + start + " as start, sum(failed) from " + table("failed_" + grain, account) + " where "
                + where + " group by 1", binds.toArray()).forEach(r -> {
                    Instant at = r.get(0, OffsetDateTime.class).toInstant();
                    points.put(at, points.getOrDefault(at, UsagePoint.empty(at)).withFailed(asLong(r.get(1))));
                });
        return List.copyOf(points.values());
    }

    @Override
    public List<UsageSlice> breakdown(Optional<AccountId> account, Instant from, Instant to, Dimension by) {
        if (by == Dimension.API_KEY) {
            return byApiKey(account, from, to);
        }
        String key = switch (by) {
            case PROVIDER -> "(select name from usage_label where id = provider_id)";
            case MODEL -> "(select name from usage_label where id = model_id)";
            case POWER_LEVEL -> "coalesce((select name from usage_label where id = level_id), 'unknown')";
            case TIER -> "coalesce((select name from usage_label where id = tier_id), 'unknown')";
            case KEY_SOURCE -> "case when byok then 'byok' else 'platform' end";
            case API_KEY -> throw new IllegalStateException("answered by byApiKey");
        };
        String column = switch (by) {
            case PROVIDER -> "provider_id";
            case MODEL -> "model_id";
            case POWER_LEVEL -> "level_id";
            case TIER -> "tier_id";
            case KEY_SOURCE -> "byok";
            case API_KEY -> throw new IllegalStateException("answered by byApiKey");
        };
        List<Object> binds = new ArrayList<>();
        String where = where(account, from, to, binds);
        String sql = "select " + key + " as key, requests, tokens, cost from (select " + column + ", sum(requests) "
                + "as requests, sum(input_tokens) + sum(output_tokens) as tokens, sum(cost_micros) as cost from "
                + table("daily", account) + " where " + where + " group by " + column + ") g "
                + "order by requests desc, key";
        return db.fetch(sql, binds.toArray()).map(r -> new UsageSlice(r.get(0, String.class), asLong(r.get(1)),
                asLong(r.get(2)), MicroCredits.of(asLong(r.get(3))), 0));
    }

    /**
     * The breakdown by API key reads the raw rows (the rollups have no key): pruned to the range's
     * monthly partitions by {@code charged_at}, one account's through the primary key (account_id,
     * charged_at, …). A charge without a key (a signed-in user's, the admin's, or one made before keys
     * were recorded) counts as {@code unknown}.
     */
    private List<UsageSlice> byApiKey(Optional<AccountId> account, Instant from, Instant to) {
        List<Object> binds = new ArrayList<>();
        StringBuilder where = new StringBuilder();
        if (account.isPresent()) {
            where.append("account_id = ?::uuid and ");
            binds.add(UUID.fromString(account.get().value()));
        }
        where.append("charged_at >= ?::timestamptz and charged_at < ?::timestamptz");
        binds.add(utc(from));
        binds.add(utc(to));
        String sql = "select key, requests, tokens, cost from (select coalesce(api_key_id, 'unknown') as key, "
                + "count(*) as requests, sum(input_tokens) + sum(output_tokens) as tokens, sum(cost_micros) as cost "
                + "from usage_row where " + where + " group by 1) g order by requests desc, key";
        return db.fetch(sql, binds.toArray()).map(r -> new UsageSlice(r.get(0, String.class), asLong(r.get(1)),
                asLong(r.get(2)), MicroCredits.of(asLong(r.get(3))), 0));
    }

    @Override
    public Map<String, Long> requestsByModel(Instant from, Instant to) {
        Map<String, Long> requests = new LinkedHashMap<>();
        db.fetch("select (select name from usage_label where id = model_id), sum(requests) from usage_daily_all "
                        + "where bucket >= ?::timestamptz and bucket < ?::timestamptz group by model_id", utc(from), utc(to))
                .forEach(r -> requests.put(r.get(0, String.class), asLong(r.get(1))));
        return requests;
    }

    @Override
    public void export(AccountId account, Instant from, Instant to, Consumer<UsageRecord> row) {
        db.connection(connection -> {
            boolean autoCommit = connection.getAutoCommit();
            if (autoCommit) {
                // PostgreSQL streams a result set by a fetch size only inside a transaction
                connection.setAutoCommit(false);
            }
            try {
                DSLContext tx = org.jooq.impl.DSL.using(connection, db.dialect());
                try (Cursor<Record> cursor = tx.resultQuery("select r.request_id, m.name, p.name, r.input_tokens, "
                                + "r.output_tokens, r.usage_estimated, r.cost_micros, r.charged_micros, r.charged_at, "
                                + "r.byok, r.multiplier_bp from usage_row r join usage_label m on m.id = r.model_id "
                                + "join usage_label p on p.id = r.provider_id where r.account_id = ?::uuid "
                                + "and r.charged_at >= ?::timestamptz and r.charged_at < ?::timestamptz order by r.charged_at, r.request_id",
                        UUID.fromString(account.value()), utc(from), utc(to))
                        .fetchSize(EXPORT_FETCH_SIZE).fetchLazy()) {
                    for (Record r : cursor) {
                        row.accept(new UsageRecord(new RequestId(r.get(0, String.class)), r.get(1, String.class),
                                r.get(2, String.class), r.get(3, Long.class), r.get(4, Long.class),
                                r.get(5, Boolean.class), MicroCredits.of(r.get(6, Long.class)),
                                MicroCredits.of(r.get(7, Long.class)), r.get(8, OffsetDateTime.class).toInstant(),
                                r.get(9, Boolean.class), r.get(10, Integer.class), null));
                    }
                }
            } finally {
                if (autoCommit) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
            }
        });
    }

    private static String table(String grain, Optional<AccountId> account) {
        return "usage_" + grain + (account.isPresent() ? "" : "_all");
    }

    private static String where(Optional<AccountId> account, Instant from, Instant to, List<Object> binds) {
        StringBuilder where = new StringBuilder();
        if (account.isPresent()) {
            where.append("account_id = ?::uuid and ");
            binds.add(UUID.fromString(account.get().value()));
        }
        where.append("bucket >= ?::timestamptz and bucket < ?::timestamptz");
        binds.add(utc(from));
        binds.add(utc(to));
        return where.toString();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static long asLong(Object sum) {
        if (sum == null) {
            return 0;
        }
        if (sum instanceof BigDecimal decimal) {
            return decimal.longValueExact();
        }
        return ((Number) sum).longValue();
    }
}

package dev.switchgear.adapter.persistence.readmodel;

import dev.switchgear.domain.credit.api.AccountOpened;
import dev.switchgear.domain.credit.api.RequestFailed;
import dev.switchgear.domain.credit.api.TierChanged;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.routing.api.RoutingTrace;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.jooq.DSLContext;

/**
 * Projects UsageCharged events into the raw rows {@code usage_row} (monthly partitions, names kept
 * once in {@code usage_label}) and, in the same statement, into the rollups per hour and day, per
 * account and platform-wide ({@code usage_hourly}, {@code usage_daily}, {@code usage_hourly_all},
 * {@code usage_daily_all}); AccountOpened and TierChanged keep {@code usage_account}, the tier each
 * charge is counted under (ADR 0024); RequestFailed goes to {@code usage_failure} and its counts
 * ({@link UsageFailureRows}).
 *
 * <p>Idempotent: a raw row is keyed by (account, time, request id) and only the rows actually
 * inserted are added to the rollups, so a replay or a redelivered batch counts nothing twice. Runs
 * in a pooled streaming processor: a batch's events are collected and written just before the batch
 * commits, in the transaction that stores the processor's token. Segments split the accounts, so
 * two batches share only the platform-wide rollup rows and the labels, which every batch writes in
 * key order (no deadlock between segments).
 */
@ProcessingGroup(UsageProjection.PROCESSING_GROUP)
public class UsageProjection {

    public static final String PROCESSING_GROUP = "usage";
    private static final String PENDING = UsageProjection.class.getName() + ".pending";

    private final DSLContext db;
    private final com.fasterxml.jackson.databind.ObjectMapper json;
    private final UsageFailureRows failures;

    public UsageProjection(DSLContext db, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.db = db;
        this.json = json;
        this.failures = new UsageFailureRows(db, json);
    }

    @EventHandler
    void on(UsageCharged event) {
        Batch batch = batch();
        if (batch == null) {
            project(List.of(event));
            return;
        }
        batch.rows.add(new Row(event, batch.tiers.get(event.accountId().value())));
    }

    @EventHandler
    void on(RequestFailed event) {
        Batch batch = batch();
        if (batch == null) {
            failures.write(List.of(event));
            return;
        }
        batch.failures.add(event);
    }

    @EventHandler
    void on(AccountOpened event) {
        tier(event.accountId().value(), event.tier().code());
    }

    @EventHandler
    void on(TierChanged event) {
        tier(event.accountId().value(), event.tier().code());
    }

    private void tier(String accountId, String tier) {
        Batch batch = batch();
        if (batch == null) {
            writeTiers(Map.of(accountId, tier));
            return;
        }
        batch.tiers.put(accountId, tier);
    }

    private Batch batch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING, key -> {
            Batch pending = new Batch();
            unitOfWork.onPrepareCommit(u -> {
                writeRows(pending.rows);
                writeTiers(pending.tiers);
                failures.write(pending.failures);
            });
            return pending;
        });
    }

    /**
     * Writes charges as one batch of the processor would (the write path the benchmark drives): the
     * raw rows and their rollups; the caller's transaction, if any, is the one used.
     */
    public void project(List<UsageCharged> events) {
        project(events, List.of());
    }

    /** As {@link #project(List)}, with the batch's requests that failed outright. */
    public void project(List<UsageCharged> events, List<RequestFailed> failed) {
        List<Row> rows = new ArrayList<>(events.size());
        for (UsageCharged event : events) {
            rows.add(new Row(event, null));
        }
        writeRows(rows);
        failures.write(failed);
    }

    private void writeTiers(Map<String, String> tiers) {
        if (tiers.isEmpty()) {
            return;
        }
        labels(Set.of(), Set.of(), Set.of(), new LinkedHashSet<>(tiers.values()));
        for (Map.Entry<String, String> tier : tiers.entrySet()) {
            db.execute("insert into usage_account (account_id, tier_id) "
                    + "select ?::uuid, id from usage_label where kind = 't' and name = ? "
                    + "on conflict (account_id) do update set tier_id = excluded.tier_id",
                    UUID.fromString(tier.getKey()), tier.getValue());
        }
    }

    private void writeRows(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Set<String> models = new LinkedHashSet<>();
        Set<String> providers = new LinkedHashSet<>();
        Set<String> levels = new LinkedHashSet<>();
        Set<String> tiers = new LinkedHashSet<>();
        Set<LocalDate> months = new LinkedHashSet<>();
        for (Row row : rows) {
            models.add(row.event.model());
            providers.add(row.event.provider());
            if (row.level() != null) {
                levels.add(row.level());
            }
            if (row.tier != null) {
                tiers.add(row.tier);
            }
            months.add(row.event.chargedAt().atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1));
        }
        labels(models, providers, levels, tiers);
        for (LocalDate month : months) {
            db.fetch("select usage_ensure_partition(?::date)", month);
        }
        StringJoiner values = new StringJoiner(", ");
        List<Object> binds = new ArrayList<>(rows.size() * 30);
        for (Row row : rows) {
            UsageCharged e = row.event;
            values.add("(?::uuid, ?::text, ?::timestamptz, ?::text, ?::text, ?::text, ?::text, ?::bigint, ?::bigint, ?::boolean, ?::boolean, "
                    + "?::smallint, ?::bigint, ?::bigint, ?::bigint, ?::bigint, ?::bigint, ?::bigint, ?::integer, "
                    + "?::bigint, ?::jsonb, ?::bigint, ?::bigint, ?::bigint, ?::bigint, ?::bigint, ?::bigint, ?::bigint, "
                    + "?::bigint, ?::varchar)");
            binds.add(UUID.fromString(e.accountId().value()));
            binds.add(e.requestId().value());
            binds.add(e.chargedAt().atOffset(ZoneOffset.UTC));
            binds.add(e.model());
            binds.add(e.provider());
            binds.add(row.level());
            binds.add(row.tier);
            binds.add(e.inputTokens());
            binds.add(e.outputTokens());
            binds.add(e.usageEstimated());
            binds.add(e.byok());
            binds.add(failedAttempts(e.routing()));
            binds.add(e.inputPricePer1kTokens());
            binds.add(e.outputPricePer1kTokens());
            binds.add(e.cost().value());
            binds.add(e.charged().value());
            binds.add(e.uncollected().value());
            binds.add(e.balanceAfter().value());
            binds.add(e.multiplierBasisPoints() == 0 ? 10_000 : e.multiplierBasisPoints());
            binds.add(e.routing() == null ? null : e.routing().catalogVersion());
            binds.add(routing(e));
            // The usage's parts and their rates (ADR 0023); the rates only on charges that have parts.
            boolean parts = e.usage().hasParts();
            binds.add(e.cachedInputTokens());
            binds.add(e.cacheWrite5mTokens());
            binds.add(e.cacheWrite1hTokens());
            binds.add(e.reasoningTokens());
            binds.add(parts ? e.cachedInputPricePer1kTokens() : null);
            binds.add(parts ? e.cacheWrite5mPricePer1kTokens() : null);
            binds.add(parts ? e.cacheWrite1hPricePer1kTokens() : null);
            binds.add(parts ? e.reasoningPricePer1kTokens() : null);
            binds.add(e.apiKeyId());
        }
        db.execute(UsageRowSql.INSERT_HEAD + values + UsageRowSql.INSERT_TAIL, binds.toArray());
    }

    private void labels(Set<String> models, Set<String> providers, Set<String> levels, Set<String> tiers) {
        StringJoiner values = new StringJoiner(", ");
        List<Object> binds = new ArrayList<>();
        Map<Character, Set<String>> byKind = new LinkedHashMap<>();
        byKind.put('m', models);
        byKind.put('p', providers);
        byKind.put('l', levels);
        byKind.put('t', tiers);
        // in one order whoever writes (two segments adding the same new names wait, never deadlock)
        byKind.forEach((kind, names) -> new java.util.TreeSet<>(names).forEach(name -> {
            values.add("(?, ?)");
            binds.add(String.valueOf(kind));
            binds.add(name);
        }));
        if (binds.isEmpty()) {
            return;
        }
        db.execute("insert into usage_label (kind, name) values " + values + " on conflict (kind, name) do nothing",
                binds.toArray());
    }

    private static int failedAttempts(RoutingTrace routing) {
        if (routing == null) {
            return 0;
        }
        return (int) Math.min(Short.MAX_VALUE,
                routing.attempts().stream().filter(a -> !"ok".equals(a.outcome())).count());
    }

    private String routing(UsageCharged event) {
        if (event.routing() == null) {
            return null;
        }
        try {
            return json.writeValueAsString(event.routing());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a routing trace could not be written as JSON", e);
        }
    }

    /** A charge to write, with the tier its account moved to earlier in the same batch (null: as stored). */
    private record Row(UsageCharged event, String tier) {
        String level() {
            return event.routing() == null ? null : event.routing().powerLevel();
        }
    }

    /** What one batch (one unit of work) has collected. */
    private static final class Batch {
        final List<Row> rows = new ArrayList<>();
        final Map<String, String> tiers = new HashMap<>();
        final List<RequestFailed> failures = new ArrayList<>();
    }
}

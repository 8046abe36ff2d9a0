package dev.switchgear.adapter.persistence.readmodel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.zaxxer.hikari.HikariDataSource;
import dev.switchgear.adapter.persistence.eventstore.DomainJacksonModule;
import dev.switchgear.application.port.out.usage.Bucket;
import dev.switchgear.application.port.out.usage.Dimension;
import dev.switchgear.domain.credit.api.AccountOpened;
import dev.switchgear.domain.credit.api.RequestFailed;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.Tier;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Issue #15's analytics benchmark (docs/benchmarks.md): writes {@code events} UsageCharged events
 * (and one RequestFailed per 100) for 10,000 accounts over 90 days through the usage projection's
 * own write path (batches of the processor's batch size, one transaction each, one writer thread
 * per processor segment, accounts split between them as the segments split them), then times the
 * dashboard's queries for one account and platform-wide, reports the disk used and, if asked, times
 * the rebuild's work.
 *
 * <p>Arguments: {@code jdbcUrl user events [seed [accounts [batch [writers [rebuildSample]]]]]}. The database must exist (it is
 * migrated with the production Flyway scripts); another seed adds other accounts and requests to
 * what is there, and fewer accounts make each of them denser (1,000,000 events for 1,000 accounts
 * is the per-account density of 10,000,000 for 10,000). Not a test: run by
 * {@code docs/bench/analytics.sh}.
 */
public final class UsageBenchmark {

    private static int accountCount = 10_000;
    private static final int DAYS = 90;
    /** The usage processor's configured batch size (application.yml, {@code SWITCHGEAR_USAGE_BATCH_SIZE}). */
    private static int batchSize = 500;
    /** Its threads and segments: each writes the batches of its share of the accounts. */
    private static int writers = 2;
    private static final String[] TABLES = {"usage_row", "usage_hourly", "usage_daily", "usage_hourly_all",
        "usage_daily_all", "usage_account", "usage_failure", "usage_failed_hourly", "usage_failed_daily",
        "usage_failed_hourly_all", "usage_failed_daily_all"};

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/sg_bench_analytics";
        String user = args.length > 1 ? args[1] : "postgres";
        long events = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 15;
        accountCount = args.length > 4 ? Integer.parseInt(args[4]) : 10_000;
        batchSize = args.length > 5 ? Integer.parseInt(args[5]) : 500;
        writers = args.length > 6 ? Integer.parseInt(args[6]) : 2;
        long rebuildSample = args.length > 7 ? Long.parseLong(args[7]) : 0;
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl(url);
            dataSource.setUsername(user);
            dataSource.setMaximumPoolSize(writers + 1);
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            DSLContext db = DSL.using(dataSource, SQLDialect.POSTGRES);
            ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                    .registerModule(new DomainJacksonModule());
            System.out.printf("seed %d, %,d events, %,d accounts, %d days, batches of %d, %d writers%n", seed, events,
                    accountCount, DAYS, batchSize, writers);
            Instant end = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
            Instant start = end.minus(Duration.ofDays(DAYS));
            UUID[] accounts = accounts(seed);
            write(db, json, events, seed, start, accounts);
            query(db, accounts, end, seed);
            disk(db, events);
            if (rebuildSample > 0) {
                rebuild(db, json, events, Math.min(events, rebuildSample), seed, start, accounts);
            }
        }
    }

    private static UUID[] accounts(long seed) {
        UUID[] accounts = new UUID[accountCount];
        for (int a = 0; a < accountCount; a++) {
            accounts[a] = new UUID(seed, a);
        }
        return accounts;
    }

    /** One batch of a writer: its charges and failures. */
    private record Batch(List<UsageCharged> charges, List<RequestFailed> failures) {
        static final Batch END = new Batch(List.of(), List.of());

        Batch() {
            this(new ArrayList<>(batchSize), new ArrayList<>());
        }

        int size() {
            return charges.size() + failures.size();
        }
    }

    /**
     * Generates the events in time order on this thread and hands each account's to its writer (as
     * the pooled processor's segments split the stream by aggregate), which writes a batch of
     * {@code batchSize} events in one transaction through {@link UsageProjection#project}.
     */
    private static void write(DSLContext db, ObjectMapper json, long events, long seed, Instant start,
                              UUID[] accounts) throws InterruptedException {
        UsageProjection opener = new UsageProjection(db, json);
        Tier[] tiers = Tier.values();
        for (int a = 0; a < accountCount; a++) {
            opener.on(new AccountOpened(AccountId.of(accounts[a]), "bench-" + a, tiers[a % tiers.length], start));
        }
        UsageEventGenerator generator = new UsageEventGenerator(seed, accounts, start, DAYS, events);
        List<BlockingQueue<Batch>> queues = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicLong written = new AtomicLong();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        long begin = System.nanoTime();
        for (int w = 0; w < writers; w++) {
            BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(8);
            queues.add(queue);
            Thread thread = new Thread(() -> {
                try {
                    for (Batch batch = queue.take(); batch != Batch.END; batch = queue.take()) {
                        Batch toWrite = batch;
                        db.transaction(tx -> new UsageProjection(tx.dsl(), json).project(toWrite.charges(),
                                toWrite.failures()));
                        long total = written.addAndGet(toWrite.charges().size());
                        if (total / 500_000 != (total - toWrite.charges().size()) / 500_000) {
                            double seconds = (System.nanoTime() - begin) / 1e9;
                            System.out.printf("  %,d events in %.0f s: %,.0f events/s (load %s)%n", total, seconds,
                                    total / seconds, load());
                        }
                    }
                } catch (Throwable e) {
                    failed.set(e);
                }
            }, "bench-writer-" + w);
            thread.start();
            threads.add(thread);
        }
        Batch[] pending = new Batch[writers];
        for (int w = 0; w < writers; w++) {
            pending[w] = new Batch();
        }
        long failures = 0;
        for (long e = 0; e < events && failed.get() == null; e++) {
            UsageEventGenerator.Next next = generator.next();
            int w = next.account() % writers;
            pending[w].charges().add(next.charge());
            if (next.failure() != null) {
                int f = next.failedAccount() % writers;
                pending[f].failures().add(next.failure());
                failures++;
                if (pending[f].size() >= batchSize) {
                    queues.get(f).put(pending[f]);
                    pending[f] = new Batch();
                }
            }
            if (pending[w].size() >= batchSize) {
                queues.get(w).put(pending[w]);
                pending[w] = new Batch();
            }
        }
        for (int w = 0; w < writers; w++) {
            if (pending[w].size() > 0) {
                queues.get(w).put(pending[w]);
            }
            queues.get(w).put(Batch.END);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failed.get() != null) {
            throw new IllegalStateException("a writer failed", failed.get());
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        System.out.printf("projection write path: %,d events (and %,d failed requests) in %.1f s = %,.0f events/s "
                + "(batches of %d, one transaction each, %d writer threads)%n", written.get(), failures, seconds,
                written.get() / seconds, batchSize, writers);
        db.execute("analyze");
    }

    /**
     * What the admin rebuild of the usage projection does to the read model (ADR 0025), timed: in
     * one transaction on one thread, lock and clear the usage tables, then replay the same events
     * through the projection in units of 500 — the first {@code sample} of them — and roll back
     * (the database is left as it was). The event store's read and deserialisation are not in it.
     */
    private static void rebuild(DSLContext db, ObjectMapper json, long events, long sample, long seed, Instant start,
                                UUID[] accounts) {
        System.out.printf("rebuild (one transaction, rolled back): clear, then replay %,d of %,d events%n", sample,
                events);
        try {
            db.transaction(tx -> {
                DSLContext t = tx.dsl();
                long began = System.nanoTime();
                t.execute("lock table " + String.join(", ", TABLES) + " in share row exclusive mode");
                for (String table : TABLES) {
                    t.execute("delete from " + table);
                }
                double cleared = (System.nanoTime() - began) / 1e9;
                System.out.printf("  cleared %d tables in %.1f s (load %s)%n", TABLES.length, cleared, load());
                UsageProjection projection = new UsageProjection(t, json);
                Tier[] tiers = Tier.values();
                long replayBegan = System.nanoTime();
                for (int a = 0; a < accountCount; a++) {
                    projection.on(new AccountOpened(AccountId.of(accounts[a]), "bench-" + a, tiers[a % tiers.length],
                            start));
                }
                UsageEventGenerator generator = new UsageEventGenerator(seed, accounts, start, DAYS, events);
                List<UsageCharged> charges = new ArrayList<>(500);
                List<RequestFailed> failures = new ArrayList<>();
                for (long e = 0; e < sample; e++) {
                    UsageEventGenerator.Next next = generator.next();
                    charges.add(next.charge());
                    if (next.failure() != null) {
                        failures.add(next.failure());
                    }
                    if (charges.size() + failures.size() >= 500 || e == sample - 1) {
                        projection.project(charges, failures);
                        charges.clear();
                        failures.clear();
                    }
                }
                double replay = (System.nanoTime() - replayBegan) / 1e9;
                double rate = sample / replay;
                System.out.printf("  replayed %,d events in %.1f s = %,.0f events/s (load %s)%n", sample, replay, rate,
                        load());
                System.out.printf("full rebuild of %,d events: %.0f s measured%s%n", events, cleared + events / rate,
                        sample == events ? "" : " for the clearing + the rest at the measured replay rate");
                throw new RolledBack();
            });
        } catch (RolledBack | org.jooq.exception.DataAccessException e) {
            if (!(e instanceof RolledBack) && !(e.getCause() instanceof RolledBack)) {
                throw e;
            }
        }
    }

    /** Ends the rebuild's transaction without a trace. */
    private static final class RolledBack extends RuntimeException {
        RolledBack() {
            super(null, null, false, false);
        }
    }

    private static String load() {
        try {
            String[] parts = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static void query(DSLContext db, UUID[] accounts, Instant end, long seed) {
        JooqUsageAnalytics analytics = new JooqUsageAnalytics(db);
        Instant from = end.minus(Duration.ofDays(30));
        Random random = new Random(seed + 1);
        System.out.println("query (30 days)                      one account p50 / p95      platform-wide p50 / p95");
        report("daily series", random, accounts, a -> () -> analytics.series(a, from, end, Bucket.DAY));
        report("breakdown: provider", random, accounts, a -> () -> analytics.breakdown(a, from, end, Dimension.PROVIDER));
        report("breakdown: byok vs platform", random, accounts,
                a -> () -> analytics.breakdown(a, from, end, Dimension.KEY_SOURCE));
        report("breakdown: power level", random, accounts,
                a -> () -> analytics.breakdown(a, from, end, Dimension.POWER_LEVEL));
        report("breakdown: model (ranking)", random, accounts,
                a -> () -> analytics.breakdown(a, from, end, Dimension.MODEL));
        report("popularity (catalog sort)", random, accounts, a -> () -> analytics.requestsByModel(from, end));
        report("hourly series, last 2 days", random, accounts,
                a -> () -> analytics.series(a, end.minus(Duration.ofDays(2)), end, Bucket.HOUR));
    }

    private static void report(String name, Random random, UUID[] accounts,
                               java.util.function.Function<Optional<AccountId>, Supplier<?>> query) {
        double[] one = time(200, () -> query.apply(Optional.of(AccountId.of(accounts[random.nextInt(accounts.length)])))
                .get());
        double[] all = time(50, () -> query.apply(Optional.empty()).get());
        System.out.printf("%-36s %8.2f / %8.2f ms      %8.2f / %8.2f ms%n", name, one[0], one[1], all[0], all[1]);
    }

    /** p50 and p95 in milliseconds of {@code runs} runs after 10 warm-up runs. */
    private static double[] time(int runs, Runnable run) {
        for (int i = 0; i < 10; i++) {
            run.run();
        }
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            run.run();
            millis[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(millis);
        return new double[] {millis[runs / 2], millis[(int) Math.ceil(runs * 0.95) - 1]};
    }

    private static void disk(DSLContext db, long events) {
        long raw = db.fetchOne("select coalesce(sum(pg_total_relation_size(i.inhrelid)), 0) from pg_inherits i "
                + "where i.inhparent = 'usage_row'::regclass").get(0, Long.class);
        long rollups = db.fetchOne("select sum(pg_total_relation_size(t::regclass)) from unnest(array['usage_hourly', "
                + "'usage_daily', 'usage_hourly_all', 'usage_daily_all', 'usage_label', 'usage_account']) t")
                .get(0, Long.class);
        long failures = db.fetchOne("select sum(pg_total_relation_size(t::regclass)) from unnest(array["
                + "'usage_failure', 'usage_failed_hourly', 'usage_failed_daily', 'usage_failed_hourly_all', "
                + "'usage_failed_daily_all']) t").get(0, Long.class);
        System.out.printf("disk: failed requests (rows and counts) %,d MiB%n", failures >> 20);
        long hourly = db.fetchOne("select count(*) from usage_hourly").get(0, Long.class);
        long daily = db.fetchOne("select count(*) from usage_daily").get(0, Long.class);
        System.out.printf("disk: raw rows %,d MiB (%,.0f MiB per million rows, routing trace included), rollups "
                        + "%,d MiB (%,d hourly and %,d daily rows)%n", raw >> 20, (raw / (events / 1e6)) / (1 << 20),
                rollups >> 20, hourly, daily);
    }
}

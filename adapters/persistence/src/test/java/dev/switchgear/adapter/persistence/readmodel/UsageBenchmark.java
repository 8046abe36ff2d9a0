package dev.switchgear.adapter.persistence.readmodel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.zaxxer.hikari.HikariDataSource;
import dev.switchgear.adapter.persistence.eventstore.DomainJacksonModule;
import dev.switchgear.application.port.out.usage.Bucket;
import dev.switchgear.application.port.out.usage.Dimension;
import dev.switchgear.domain.credit.api.AccountOpened;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.routing.api.RoutingTrace;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
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
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Issue #15's analytics benchmark (docs/benchmarks.md): writes {@code events} UsageCharged events
 * for 10,000 accounts over 90 days through the usage projection's own write path (one batch of 100
 * in one transaction, as the pooled processor commits them with its token), then times the
 * dashboard's queries for one account and platform-wide, and reports the disk used.
 *
 * <p>Arguments: {@code jdbcUrl user events [seed [accounts]]}. The database must exist (it is
 * migrated with the production Flyway scripts); another seed adds other accounts and requests to
 * what is there, and fewer accounts make each of them denser (1,000,000 events for 1,000 accounts
 * is the per-account density of 10,000,000 for 10,000). Not a test: run by
 * {@code docs/bench/analytics.sh}.
 */
public final class UsageBenchmark {

    private static int accountCount = 10_000;
    private static final int DAYS = 90;
    private static final int BATCH = 100;
    private static final String[] PROVIDERS = {"openai", "anthropic", "groq", "together", "gemini", "cohere", "deepinfra"};
    private static final String[] LEVELS = {"eco", "balanced", "precision"};

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/sg_bench_analytics";
        String user = args.length > 1 ? args[1] : "postgres";
        long events = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 15;
        accountCount = args.length > 4 ? Integer.parseInt(args[4]) : 10_000;
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl(url);
            dataSource.setUsername(user);
            dataSource.setMaximumPoolSize(2);
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            DSLContext db = DSL.using(dataSource, SQLDialect.POSTGRES);
            ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                    .registerModule(new DomainJacksonModule());
            System.out.printf("seed %d, %,d events, %,d accounts, %d days%n", seed, events, accountCount, DAYS);
            Instant end = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
            Instant start = end.minus(Duration.ofDays(DAYS));
            UUID[] accounts = write(db, json, events, seed, start);
            query(db, accounts, end, seed);
            disk(db, events);
        }
    }

    private static UUID[] write(DSLContext db, ObjectMapper json, long events, long seed, Instant start) {
        Random random = new Random(seed);
        UUID[] accounts = new UUID[accountCount];
        UsageProjection projection = new UsageProjection(db, json);
        Tier[] tiers = Tier.values();
        for (int a = 0; a < accountCount; a++) {
            accounts[a] = new UUID(seed, a);
            projection.on(new AccountOpened(AccountId.of(accounts[a]), "bench-" + a, tiers[a % tiers.length], start));
        }
        String[] models = new String[28];
        for (int m = 0; m < models.length; m++) {
            models[m] = PROVIDERS[m % PROVIDERS.length] + "-model-" + m;
        }
        long spanMillis = Duration.ofDays(DAYS).toMillis();
        long begin = System.nanoTime();
        long written = 0;
        // events arrive in time order, as the processor reads the event store; each batch spans accounts
        double step = (double) spanMillis / events;
        List<UsageCharged> batch = new ArrayList<>(BATCH);
        for (long e = 0; e < events; e++) {
            int account = random.nextInt(accountCount);
            int model = Math.min(models.length - 1, (int) Math.abs(random.nextGaussian() * 7));
            String provider = PROVIDERS[model % PROVIDERS.length];
            String level = LEVELS[random.nextInt(LEVELS.length)];
            boolean byok = random.nextInt(10) == 0;
            boolean failedFirst = random.nextInt(33) == 0;
            long in = 50 + random.nextInt(2_000);
            long out = 20 + random.nextInt(800);
            long cost = byok ? 0 : (in * 150 + out * 600) / 1000;
            List<RoutingTrace.Attempt> attempts = failedFirst
                    ? List.of(new RoutingTrace.Attempt(models[(model + 1) % models.length], provider, byok,
                            "unavailable 503", 40), new RoutingTrace.Attempt(models[model], provider, byok, "ok", 420))
                    : List.of(new RoutingTrace.Attempt(models[model], provider, byok, "ok", 380));
            RoutingTrace trace = new RoutingTrace("auto", level, 7, "chat",
                    List.of(models[model], models[(model + 1) % models.length], models[(model + 2) % models.length]),
                    List.of(new RoutingTrace.Skip(models[(model + 3) % models.length], "tier",
                            "needs the professional tier")), attempts);
            batch.add(new UsageCharged(AccountId.of(accounts[account]), new RequestId("req-" + seed + "-" + e), models[model],
                    provider, in, out, random.nextInt(50) == 0, 150, 600, MicroCredits.of(cost), MicroCredits.of(cost),
                    MicroCredits.ZERO, MicroCredits.of(1_000_000), start.plusMillis((long) (e * step)), byok, 2_500,
                    4_000, trace));
            if (batch.size() == BATCH) {
                List<UsageCharged> toWrite = List.copyOf(batch);
                db.transaction(tx -> new UsageProjection(tx.dsl(), json).project(toWrite));
                written += batch.size();
                batch.clear();
                if (written % 100_000 == 0) {
                    double seconds = (System.nanoTime() - begin) / 1e9;
                    System.out.printf("  %,d events in %.0f s: %,.0f events/s%n", written, seconds, written / seconds);
                }
            }
        }
        if (!batch.isEmpty()) {
            List<UsageCharged> toWrite = List.copyOf(batch);
            db.transaction(tx -> new UsageProjection(tx.dsl(), json).project(toWrite));
            written += batch.size();
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        System.out.printf("projection write path: %,d events in %.1f s = %,.0f events/s (batches of %d, one "
                + "transaction each, one thread)%n", written, seconds, written / seconds, BATCH);
        db.execute("analyze");
        return accounts;
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
        long hourly = db.fetchOne("select count(*) from usage_hourly").get(0, Long.class);
        long daily = db.fetchOne("select count(*) from usage_daily").get(0, Long.class);
        System.out.printf("disk: raw rows %,d MiB (%,.0f MiB per million rows, routing trace included), rollups "
                        + "%,d MiB (%,d hourly and %,d daily rows)%n", raw >> 20, (raw / (events / 1e6)) / (1 << 20),
                rollups >> 20, hourly, daily);
    }
}

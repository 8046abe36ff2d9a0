package dev.switchgear.adapter.persistence.readmodel;

import dev.switchgear.domain.credit.api.RequestFailed;
import dev.switchgear.domain.credit.api.UsageCharged;
import dev.switchgear.domain.routing.api.RoutingTrace;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.shared.MicroCredits;
import dev.switchgear.domain.shared.RequestId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The benchmark's events, in time order and the same for the same seed (so a rebuild can replay
 * them): UsageCharged for random accounts (28 models on 7 providers, three power levels, 10 % BYOK,
 * 3 % with a failed first attempt, a routing trace of three candidates, one skip and one or two
 * attempts), and after every 100th charge a RequestFailed of a random account (two failed attempts).
 */
final class UsageEventGenerator {

    static final String[] PROVIDERS = {"openai", "anthropic", "groq", "together", "gemini", "cohere", "deepinfra"};
    private static final String[] LEVELS = {"eco", "balanced", "precision"};

    private final Random random;
    private final long seed;
    private final UUID[] accounts;
    private final Instant start;
    private final double step;
    private final String[] models = new String[28];
    private long next;

    UsageEventGenerator(long seed, UUID[] accounts, Instant start, int days, long events) {
        this.random = new Random(seed);
        this.seed = seed;
        this.accounts = accounts;
        this.start = start;
        this.step = (double) Duration.ofDays(days).toMillis() / events;
        for (int m = 0; m < models.length; m++) {
            models[m] = PROVIDERS[m % PROVIDERS.length] + "-model-" + m;
        }
    }

    /** The index (into the accounts) of the next charge's account, and the charge. */
    record Next(int account, UsageCharged charge, RequestFailed failure, int failedAccount) {
    }

    Next next() {
        long e = next++;
        int account = random.nextInt(accounts.length);
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
        Instant at = start.plusMillis((long) (e * step));
        UsageCharged charge = new UsageCharged(AccountId.of(accounts[account]), new RequestId("req-" + seed + "-" + e),
                models[model], provider, in, out, random.nextInt(50) == 0, 150, 600, MicroCredits.of(cost),
                MicroCredits.of(cost), MicroCredits.ZERO, MicroCredits.of(1_000_000), at, byok, 2_500, 4_000, trace);
        if (e % 100 != 99) {
            return new Next(account, charge, null, -1);
        }
        int failedAccount = random.nextInt(accounts.length);
        RequestFailed failure = new RequestFailed(AccountId.of(accounts[failedAccount]),
                new RequestId("fail-" + seed + "-" + e), "auto", level, false, null,
                List.of(new RoutingTrace.Attempt(models[model], provider, false, "unavailable 503", 35),
                        new RoutingTrace.Attempt(models[(model + 1) % models.length], provider, false, "timeout", 30_000)),
                "upstream_unavailable", at);
        return new Next(account, charge, failure, failedAccount);
    }
}

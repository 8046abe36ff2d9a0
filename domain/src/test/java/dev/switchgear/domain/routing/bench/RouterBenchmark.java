package dev.switchgear.domain.routing.bench;

import dev.switchgear.domain.shared.Tier;
import dev.switchgear.domain.routing.Catalog;
import dev.switchgear.domain.routing.Router;
import dev.switchgear.domain.routing.api.Capability;
import dev.switchgear.domain.routing.api.CatalogInitialised;
import dev.switchgear.domain.routing.api.CatalogModel;
import dev.switchgear.domain.shared.PowerLevel;
import dev.switchgear.domain.routing.api.ProviderDefinition;
import dev.switchgear.domain.routing.api.RoutingRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One routing decision over a 28-model catalog (13 providers, tiers 0–3, the default catalog's
 * shape) with 1,000 routing rules (chains of 3 to 6 models), for a mix of requests: {@code auto},
 * {@code eco}, {@code balanced}, {@code precision}, a rule name, and a concrete model, from callers
 * of every tier, with some providers unhealthy and some held as the caller's own keys. Reported as
 * a latency distribution (issue #4's target: at most 20 µs at p99).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RouterBenchmark {

    private static final int REQUESTS = 4_096;
    private Catalog catalog;
    private Router.Request[] requests;
    private Router.Health health;
    private int next;

    @Setup
    public void setUp() {
        String[] providers = {"vllm", "ollama", "groq", "huggingface", "together", "fireworks", "deepinfra",
                "openrouter", "anthropic", "openai", "cohere", "gemini", "perplexity"};
        List<ProviderDefinition> definitions = new ArrayList<>();
        for (String p : providers) {
            definitions.add(new ProviderDefinition(p, p, "openai", p.equals("vllm") || p.equals("ollama")));
        }
        SplittableRandom random = new SplittableRandom(42);
        List<CatalogModel> models = new ArrayList<>();
        for (int i = 0; i < 28; i++) {
            Tier tier = Tier.values()[Math.min(3, i / 7)];
            Set<Capability> caps = i % 3 == 0 ? EnumSet.allOf(Capability.class) : EnumSet.of(Capability.JSON);
            models.add(new CatalogModel("model-" + i, providers[i % providers.length], "upstream-" + i,
                    random.nextLong(0, 3_000_000), random.nextLong(0, 15_000_000), i % 4 == 0 ? 8_192 : 200_000,
                    4_096, tier, caps, random.nextInt(30, 99), Set.of("chat")));
        }
        Map<String, List<String>> chains = new LinkedHashMap<>();
        for (int r = 0; r < 1_000; r++) {
            List<String> chain = new ArrayList<>();
            int length = 3 + random.nextInt(4);
            while (chain.size() < length) {
                String m = "model-" + random.nextInt(28);
                if (!chain.contains(m)) {
                    chain.add(m);
                }
            }
            chains.put("rule-" + r, chain);
        }
        catalog = Catalog.EMPTY.apply(new CatalogInitialised(1, definitions, models, new RoutingRules(chains,
                Map.of(PowerLevel.ECO, 10, PowerLevel.BALANCED, 50, PowerLevel.PRECISION, 80), 3), Instant.EPOCH));
        health = new Router.Health() {
            @Override
            public boolean admits(String provider, String model) {
                return !provider.equals("fireworks");
            }

            @Override
            public long latencyMicros(String provider) {
                return provider.length() * 1_000L;
            }
        };
        Set<String> connected = Set.of(providers);
        String[] asked = {"auto", "eco", "balanced", "precision"};
        requests = new Router.Request[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            int kind = random.nextInt(6);
            String model = kind < 4 ? asked[kind] : kind == 4 ? "rule-" + random.nextInt(1_000)
                    : "model-" + random.nextInt(28);
            Set<Capability> needs = random.nextInt(4) == 0 ? EnumSet.of(Capability.TOOLS) : Set.of();
            Set<String> own = random.nextInt(3) == 0 ? Set.of("openai", "groq") : Set.of();
            requests[i] = new Router.Request(model, Tier.values()[random.nextInt(4)],
                    PowerLevel.values()[random.nextInt(3)], random.nextInt(10, 20_000), random.nextInt(0, 4_096),
                    needs, connected, own, !own.isEmpty());
        }
    }

    @Setup(Level.Iteration)
    public void rewind() {
        next = 0;
    }

    @Benchmark
    public Router.Decision route() {
        Router.Request request = requests[next++ & (REQUESTS - 1)];
        return Router.route(catalog, request, health);
    }
}

package dev.switchgear.adapter.crypto.bench;

import dev.switchgear.adapter.crypto.MasterKeyset;
import dev.switchgear.adapter.crypto.InMemoryDataKeysetStore;
import dev.switchgear.adapter.crypto.TinkKeyVault;
import dev.switchgear.application.service.keyring.OpenedKey;
import dev.switchgear.application.port.out.keyring.StoredProviderKey;
import dev.switchgear.application.service.keyring.ByokKeys;
import dev.switchgear.domain.shared.AccountId;
import dev.switchgear.domain.keyring.api.ProviderKeyId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The request path's BYOK cost: find the caller's key for the chosen provider among its keyring
 * (held sealed in memory) and decrypt it with the keyring's data key (AES-256-GCM through Tink).
 * {@code accounts} keyrings of 3 keys each (openai, anthropic, groq); each call picks an account at
 * random. Reported as a latency distribution (p50, p99, p99.9), in microseconds.
 *
 * <p>Run: see docs/benchmarks.md ({@code java -cp ... org.openjdk.jmh.Main ByokLookupBenchmark}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ByokLookupBenchmark {

    @Param({"1000"})
    int accounts;

    private ByokKeys keys;
    private AccountId[] ids;

    @Setup
    public void setUp() throws Exception {
        Path dir = Files.createTempDirectory("byok-bench");
        TinkKeyVault vault = new TinkKeyVault(MasterKeyset.fromFile(dir.resolve("master-keyset.json")),
                new InMemoryDataKeysetStore());
        Map<AccountId, List<StoredProviderKey>> stored = new HashMap<>();
        ids = new AccountId[accounts];
        for (int a = 0; a < accounts; a++) {
            AccountId account = AccountId.of(UUID.randomUUID());
            ids[a] = account;
            List<StoredProviderKey> ring = new ArrayList<>();
            for (String provider : List.of("openai", "anthropic", "groq")) {
                ProviderKeyId keyId = new ProviderKeyId("pk_" + UUID.randomUUID().toString().replace("-", ""));
                String plaintext = "sk-bench-" + UUID.randomUUID() + UUID.randomUUID();
                ring.add(new StoredProviderKey(account, keyId, provider, "default",
                        vault.seal(account, provider, keyId, plaintext), "fp", "sk-…0000", null, Instant.now(),
                        Optional.empty()));
            }
            stored.put(account, ring);
        }
        keys = new ByokKeys(account -> stored.getOrDefault(account, List.of()), vault);
        for (AccountId account : ids) {
            keys.credentialFor(account, "groq");
        }
    }

    @Benchmark
    public OpenedKey lookupAndDecrypt() {
        AccountId account = ids[ThreadLocalRandom.current().nextInt(ids.length)];
        return keys.credentialFor(account, "groq").orElseThrow();
    }
}

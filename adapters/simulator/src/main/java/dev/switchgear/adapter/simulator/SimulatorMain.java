package dev.switchgear.adapter.simulator;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator as a process of its own (for benchmarks, which must not share the gateway's
 * JVM with their upstream): {@code --port 8090 --api-key KEY} and the faults of ADR 0031:
 * {@code --latency-ms 0 --jitter-ms 0 --error-rate 0 --error-statuses 503,500,429
 * --stream-chunk-delay-ms 0 --down-after-s 0 --down-for-s 0 --seed 1}.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Simulator simulator = Simulator.start(settings(args));
        System.out.println("simulator listening at " + simulator.baseUrl());
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        new CountDownLatch(1).await();
    }

    static Simulator.Settings settings(String[] args) {
        int port = 8090;
        String apiKey = null;
        long latencyMs = 0;
        long jitterMs = 0;
        double errorRate = 0;
        List<Integer> statuses = Faults.OVERLOADED;
        long chunkDelayMs = 0;
        long downAfterS = 0;
        long downForS = 0;
        long seed = 1;
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("options come in pairs: --name value");
        }
        for (int i = 0; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value);
                case "--api-key" -> apiKey = value;
                case "--latency-ms" -> latencyMs = Long.parseLong(value);
                case "--jitter-ms" -> jitterMs = Long.parseLong(value);
                case "--error-rate" -> errorRate = Double.parseDouble(value);
                case "--error-statuses" -> statuses = Arrays.stream(value.split(",")).map(String::trim)
                        .map(Integer::valueOf).toList();
                case "--stream-chunk-delay-ms" -> chunkDelayMs = Long.parseLong(value);
                case "--down-after-s" -> downAfterS = Long.parseLong(value);
                case "--down-for-s" -> downForS = Long.parseLong(value);
                case "--seed" -> seed = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Faults faults = Faults.none()
                .withLatency(Duration.ofMillis(latencyMs), Duration.ofMillis(jitterMs))
                .withErrors(errorRate, statuses)
                .withChunkDelay(Duration.ofMillis(chunkDelayMs))
                .withOutage(Duration.ofSeconds(downAfterS), Duration.ofSeconds(downForS))
                .withSeed(seed);
        return new Simulator.Settings(port, Optional.ofNullable(apiKey), faults);
    }
}

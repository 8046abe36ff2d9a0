package dev.switchgear.adapter.simulator;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator as a process of its own (for benchmarks, which must not share the gateway's
 * JVM with their upstream): {@code --port 8090 --latency-ms 0 --error-rate 0 --api-key KEY}.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = 8090;
        long latencyMs = 0;
        double errorRate = 0;
        String apiKey = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--latency-ms" -> latencyMs = Long.parseLong(args[i + 1]);
                case "--error-rate" -> errorRate = Double.parseDouble(args[i + 1]);
                case "--api-key" -> apiKey = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Simulator simulator = Simulator.start(new Simulator.Settings(port, Duration.ofMillis(latencyMs), errorRate,
                Optional.ofNullable(apiKey)));
        System.out.println("simulator listening at " + simulator.baseUrl());
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        new CountDownLatch(1).await();
    }
}

package dev.switchgear.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The load of {@link ReplicasEndToEndTest}: client threads that send completions, each with a
 * request id of its own, to one of two gateway nodes (the second can be replaced while they run),
 * and remember what was answered, refused, or lost with a node; and what the events say afterwards.
 */
final class ReplicaLoad {

    private final GatewayClient one;
    private final AtomicReference<GatewayClient> two;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private final AtomicInteger serverErrors = new AtomicInteger();

    ReplicaLoad(GatewayClient one, GatewayClient two) {
        this.one = one;
        this.two = new AtomicReference<>(two);
    }

    /** {@code shared} accounts are loaded through both nodes, {@code affine} ones through node one only. */
    void run(List<Account> shared, List<Account> affine, int clientsPerNodePerAccount) {
        for (Account account : shared) {
            for (int c = 0; c < clientsPerNodePerAccount; c++) {
                client(account, 1, c);
                client(account, 2, c);
            }
        }
        for (Account account : affine) {
            for (int c = 0; c < clientsPerNodePerAccount; c++) {
                client(account, 1, c);
            }
        }
    }

    void nodeTwoIs(GatewayClient restarted) {
        two.set(restarted);
    }

    GatewayClient nodeTwo() {
        return two.get();
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(60_000);
        }
    }

    /**
     * Waits until node two has answered {@code more} requests of {@code account} more than now (a
     * cold JVM on a loaded machine takes a while to answer at all), or {@code within} has passed.
     */
    void awaitNodeTwoAnswers(Account account, int more, Duration within) {
        Outcome outcome = outcome(account);
        long target = outcome.answeredByNodeTwo() + more;
        long deadline = System.nanoTime() + within.toNanos();
        while (outcome.answeredByNodeTwo() < target && System.nanoTime() < deadline) {
            pause(100);
        }
    }

    Outcome outcome(Account account) {
        return outcomes.get(account.name());
    }

    /** 5xx answers from any node (a node killed mid-request drops the connection: that is no answer). */
    int serverErrors() {
        return serverErrors.get();
    }

    private void client(Account account, int node, int number) {
        Outcome outcome = outcomes.computeIfAbsent(account.name(), n -> new Outcome());
        Thread thread = new Thread(() -> {
            for (int i = 0; running.get(); i++) {
                String requestId = account.name() + "-" + node + "-" + number + "-" + i;
                GatewayClient gateway = node == 1 ? one : two.get();
                outcome.sent.add(requestId);
                try {
                    HttpResponse<String> reply = gateway.send("POST", "/v1/chat/completions", account.key(),
                            GatewayEndToEndTest.HELLO, Map.of("X-Request-Id", requestId));
                    int status = reply.statusCode();
                    if (status == 200) {
                        outcome.answered.add(requestId);
                    } else if (status >= 400 && status < 500) {
                        outcome.refused.add(requestId);
                    } else {
                        serverErrors.incrementAndGet();
                    }
                } catch (UncheckedIOException | IllegalStateException lostWithTheNode) {
                    pause(100);
                }
            }
        }, "load-" + account.name() + "-" + node + "-" + number);
        thread.start();
        threads.add(thread);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Polls the node's ledger until it shows {@code expected}; returns the last balance seen. */
    static void awaitBalance(GatewayClient gateway, Account account, long expected, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        long seen = gateway.balance(account.key());
        while (seen != expected && System.nanoTime() < deadline) {
            pause(50);
            seen = gateway.balance(account.key());
        }
        org.assertj.core.api.Assertions.assertThat(seen).as(account.name() + ": the ledger of " + gateway.baseUrl())
                .isEqualTo(expected);
    }

    /** Polls the usage read model (its CSV export) until its charges add up to {@code expected}; returns the last sum. */
    static long awaitReadModel(GatewayClient gateway, Account account, long expected, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        long sum;
        do {
            HttpResponse<String> csv = gateway.send("GET", "/api/v1/llm/usage/export?format=csv", account.key(), null,
                    Map.of());
            sum = 0;
            String[] lines = csv.body().split("\n");
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i].strip();
                if (!line.isEmpty()) {
                    sum += Long.parseLong(line.substring(line.lastIndexOf(',') + 1));
                }
            }
            if (sum != expected) {
                pause(250);
            }
        } while (sum != expected && System.nanoTime() < deadline);
        return sum;
    }

    /** The ledger's meters of multi-node writing, from the node's Prometheus scrape: name → value. */
    static Map<String, Long> ledgerMeters(GatewayClient gateway) {
        String scrape = gateway.send("GET", "/actuator/prometheus", GatewayClient.ADMIN_KEY, null, Map.of()).body();
        Map<String, Long> meters = new java.util.TreeMap<>();
        scrape.lines().filter(l -> l.startsWith("switchgear_ledger_conflicts")
                        || l.startsWith("switchgear_ledger_rebases") || l.startsWith("switchgear_ledger_refreshes"))
                .forEach(l -> meters.put(l.substring(0, l.indexOf(' ')),
                        (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))));
        return meters;
    }

    /** An account the load uses, and its key. */
    record Account(String name, String id, String key) {

        static Account open(GatewayClient gateway, String name, String credits) {
            String id = gateway.openAccount(name, "enterprise");
            String key = gateway.issueKey(id);
            gateway.grant(id, credits);
            return new Account(name, id, key);
        }

        /** Sends one completion and returns what it cost. */
        long chargeOnce(GatewayClient gateway) {
            long before = gateway.balance(key);
            if (gateway.post("/v1/chat/completions", key, GatewayEndToEndTest.HELLO).status() != 200) {
                throw new IllegalStateException("the probe request failed");
            }
            return before - gateway.balance(key);
        }
    }

    /** What the clients of one account saw: ids sent, answered (200), refused (4xx); the rest were lost with a node. */
    static final class Outcome {
        final Set<String> sent = ConcurrentHashMap.newKeySet();
        final Set<String> answered = ConcurrentHashMap.newKeySet();
        final Set<String> refused = ConcurrentHashMap.newKeySet();

        Set<String> sent() {
            return sent;
        }

        Set<String> answered() {
            return answered;
        }

        Set<String> refused() {
            return refused;
        }

        long answeredByNodeTwo() {
            return answered.stream().filter(id -> id.contains("-2-")).count();
        }

        @Override
        public String toString() {
            long onTwo = answeredByNodeTwo();
            return sent.size() + " sent, " + answered.size() + " answered (" + (answered.size() - onTwo) + " by node one, "
                    + onTwo + " by node two), " + refused.size() + " refused";
        }
    }

    /** The account's charges as its events record them. */
    record Charges(List<String> requestIds, Set<String> duplicates, long granted, long totalCharged,
                   long uncollected, long lastBalanceAfter) {

        static Charges of(GatewayClient gateway, Account account) {
            List<String> ids = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            Set<String> duplicates = new HashSet<>();
            long granted = 0;
            long charged = 0;
            long uncollected = 0;
            long lastBalance = 0;
            long from = 0;
            while (true) {
                JsonNode page = gateway.get("/api/v1/admin/accounts/" + account.id() + "/events?limit=10000&from=" + from,
                        GatewayClient.ADMIN_KEY).body();
                for (JsonNode event : page.get("events")) {
                    JsonNode payload = event.get("payload");
                    switch (event.get("type").asText()) {
                        case "UsageCharged" -> {
                            String id = payload.get("requestId").asText();
                            ids.add(id);
                            if (!seen.add(id)) {
                                duplicates.add(id);
                            }
                            charged += payload.get("charged").asLong();
                            uncollected += payload.get("uncollected").asLong();
                        }
                        case "CreditsGranted" -> granted += payload.get("amount").asLong();
                        default -> {
                        }
                    }
                    if (payload.has("balanceAfter")) {
                        lastBalance = payload.get("balanceAfter").asLong();
                    }
                }
                if (page.path("nextFrom").isNull() || page.path("nextFrom").isMissingNode()) {
                    break;
                }
                from = page.get("nextFrom").asLong();
            }
            return new Charges(ids, duplicates, granted, charged, uncollected, lastBalance);
        }

        long derivedBalance() {
            return granted - totalCharged;
        }

        @Override
        public String toString() {
            return requestIds.size() + " charges, " + totalCharged + " µc charged, " + uncollected
                    + " µc uncollected, balance " + derivedBalance() + " µc";
        }
    }
}

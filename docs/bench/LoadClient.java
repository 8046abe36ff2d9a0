import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load client of docs/bench/streams.sh and docs/bench/soak.sh (JDK 21+, no dependencies; run as
 * {@code java docs/bench/LoadClient.java MODE ...}). The key comes from the KEY environment variable.
 *
 * <ul>
 *   <li>{@code streams URL N RAMP_S BODY_FILE PIDS}: opens N streaming requests over raw sockets (one
 *       virtual thread each, spread over RAMP_S seconds), holds them until they end, and prints every
 *       second how many are open, done and failed with the RSS of each process in PIDS (comma-separated);
 *       at the end the RSS at the most streams open at once.</li>
 *   <li>{@code closed URL CONCURRENCY SECONDS BODY_FILE}: CONCURRENCY workers back to back: capacity.</li>
 *   <li>{@code curve URL CONCURRENCY SECONDS STEP_S BODY_FILE}: as {@code closed}, and a line per STEP_S
 *       seconds with that step's answered requests per second (how fast a just-started gateway warms).</li>
 *   <li>{@code rate URL RPS SECONDS BODY_FILE STREAM_BODY_FILE STREAM_EVERY MAX_IN_FLIGHT}: an open-loop
 *       fixed rate (every STREAM_EVERY-th request the streaming body); a request due while
 *       MAX_IN_FLIGHT are unanswered is not sent and counted as {@code not_sent} (on a machine whose
 *       capacity drops under others' load the backlog would otherwise grow without end); every 10 s
 *       a line of statuses, latency p50/p99 and the answering providers; at the end the totals.</li>
 * </ul>
 */
public class LoadClient {

    public static void main(String[] args) throws Exception {
        String key = System.getenv("KEY");
        switch (args[0]) {
            case "streams" -> streams(URI.create(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Files.readString(Path.of(args[4])), key, args.length > 5 ? args[5] : "");
            case "closed" -> closed(URI.create(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Files.readString(Path.of(args[4])), key);
            case "curve" -> curve(URI.create(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Files.readString(Path.of(args[5])), key);
            case "rate" -> rate(URI.create(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Files.readString(Path.of(args[4])), Files.readString(Path.of(args[5])),
                    Integer.parseInt(args[6]), Integer.parseInt(args[7]), key);
            default -> throw new IllegalArgumentException("mode: streams, closed, curve or rate");
        }
    }

    // ---- streams: many slow streams held at once, raw HTTP/1.1 over one socket each ----

    static void streams(URI url, int n, int rampSeconds, String body, String key, String pids) throws Exception {
        AtomicInteger open = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger maxOpen = new AtomicInteger();
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        byte[] request = ("POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nAuthorization: Bearer " + key + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
        long started = System.nanoTime();
        List<Thread> threads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long startAt = started + (long) rampSeconds * 1_000_000_000L * i / n;
            threads.add(Thread.ofVirtual().start(() -> {
                sleepUntil(startAt);
                String failure = oneStream(url, request, open, maxOpen);
                if (failure == null) {
                    done.incrementAndGet();
                } else {
                    failures.computeIfAbsent(failure, k -> new LongAdder()).increment();
                }
            }));
        }
        long[] rssAtMax = new long[0];
        int lastMax = -1;
        while (threads.stream().anyMatch(Thread::isAlive)) {
            Thread.sleep(1000);
            long[] rss = rss(pids);
            int nowOpen = open.get();
            if (nowOpen > lastMax) {
                lastMax = nowOpen;
                rssAtMax = rss;
            }
            System.out.printf("t=%3ds open=%5d done=%5d failed=%5d rss_kb=%s%n", (System.nanoTime() - started) / 1_000_000_000L,
                    nowOpen, done.get(), failures.values().stream().mapToLong(LongAdder::sum).sum(), Arrays.toString(rss));
        }
        System.out.printf("RESULT streams=%d completed=%d failed=%d max_open=%d rss_kb_at_max_open=%s failures=%s%n",
                n, done.get(), n - done.get(), lastMax, Arrays.toString(rssAtMax), failures);
    }

    /** One stream to its end: null when it answered 200 and ended with [DONE], else what went wrong. */
    private static String oneStream(URI url, byte[] request, AtomicInteger open, AtomicInteger maxOpen) {
        boolean counted = false;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 30_000);
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = new BufferedInputStream(socket.getInputStream(), 2048);
            String status = line(in);
            if (!status.startsWith("HTTP/1.1 200")) {
                return "status " + status.substring(Math.min(9, status.length()), Math.min(12, status.length()));
            }
            counted = true;
            maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            byte[] buffer = new byte[2048];
            StringBuilder tail = new StringBuilder();
            for (int read; (read = in.read(buffer)) > 0; ) {
                tail.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
                if (tail.length() > 4096) {
                    tail.delete(0, tail.length() - 64);
                }
            }
            return tail.indexOf("data: [DONE]") >= 0 ? null : "ended without [DONE]";
        } catch (IOException e) {
            return e.getClass().getSimpleName();
        } finally {
            if (counted) {
                open.decrementAndGet();
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
            line.append((char) c);
        }
        return line.toString().trim();
    }

    static long[] rss(String pids) {
        if (pids.isBlank()) {
            return new long[0];
        }
        return Arrays.stream(pids.split(",")).mapToLong(pid -> {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", pid.trim(), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | RuntimeException e) {
                return -1;
            }
            return -1;
        }).toArray();
    }

    private static void sleepUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- closed and rate: java.net.http over kept-alive connections ----

    /** Latencies, statuses and answering providers of one window. */
    static final class Window {
        final List<Long> micros = new ArrayList<>();
        final Map<String, Long> statuses = new TreeMap<>();
        final Map<String, Long> providers = new TreeMap<>();
        long notSent;

        synchronized void notSent() {
            notSent++;
        }

        synchronized void record(String status, long latencyMicros, String provider) {
            statuses.merge(status, 1L, Long::sum);
            if (status.equals("200")) {
                micros.add(latencyMicros);
                providers.merge(provider, 1L, Long::sum);
            }
        }

        synchronized long count() {
            return statuses.values().stream().mapToLong(Long::longValue).sum();
        }

        synchronized long errors() {
            return count() - statuses.getOrDefault("200", 0L);
        }

        synchronized String summary(double seconds) {
            List<Long> sorted = new ArrayList<>(micros);
            sorted.sort(null);
            return String.format("requests=%d rps=%.0f errors=%d (%.3f%%) p50=%.2fms p99=%.2fms p999=%.2fms statuses=%s providers=%s not_sent=%d",
                    count(), count() / seconds, errors(), count() == 0 ? 0 : 100.0 * errors() / count(),
                    pct(sorted, 0.50), pct(sorted, 0.99), pct(sorted, 0.999), statuses, providers, notSent);
        }

        private static double pct(List<Long> sorted, double p) {
            return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * p))) / 1000.0;
        }
    }

    private static HttpRequest request(URI url, String body, String key) {
        return HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    static void closed(URI url, int concurrency, int seconds, String body, String key) throws Exception {
        HttpClient http = client();
        HttpRequest request = request(url, body, key);
        Window window = new Window();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < concurrency; i++) {
                workers.submit(() -> {
                    while (System.nanoTime() < end) {
                        send(http, request, window);
                    }
                    return null;
                });
            }
        }
        System.out.println("RESULT closed c=" + concurrency + " " + window.summary(seconds));
    }

    static void curve(URI url, int concurrency, int seconds, int step, String body, String key) throws Exception {
        HttpClient http = client();
        HttpRequest request = request(url, body, key);
        Window window = new Window();
        int steps = (seconds + step - 1) / step;
        java.util.concurrent.atomic.AtomicLongArray answered = new java.util.concurrent.atomic.AtomicLongArray(steps);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < concurrency; i++) {
                workers.submit(() -> {
                    while (System.nanoTime() < end) {
                        boolean ok = send(http, request, window);
                        long at = (System.nanoTime() - start) / 1_000_000_000L / step;
                        if (ok && at < steps) {
                            answered.incrementAndGet((int) at);
                        }
                    }
                    return null;
                });
            }
        }
        for (int i = 0; i < steps; i++) {
            System.out.printf("STEP %d-%ds rps=%.0f%n", i * step, (i + 1) * step, answered.get(i) / (double) step);
        }
        System.out.println("RESULT curve c=" + concurrency + " " + window.summary(seconds));
    }

    /** Sends one request; whether it was answered with a 200. */
    private static boolean send(HttpClient http, HttpRequest request, Window window) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            window.record(Integer.toString(response.statusCode()), (System.nanoTime() - start) / 1000,
                    response.headers().firstValue("X-Switchgear-Provider").orElse("?"));
            return response.statusCode() == 200;
        } catch (IOException e) {
            window.record(e.getClass().getSimpleName(), 0, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    static void rate(URI url, int rps, int seconds, String body, String streamBody, int streamEvery, int maxInFlight,
                     String key) throws Exception {
        HttpClient http = client();
        HttpRequest plain = request(url, body, key);
        HttpRequest stream = request(url, streamBody, key);
        Window total = new Window();
        Window[] windows = new Window[(seconds + 9) / 10];
        for (int i = 0; i < windows.length; i++) {
            windows[i] = new Window();
        }
        AtomicLong inFlight = new AtomicLong();
        long started = System.nanoTime();
        long requests = (long) rps * seconds;
        Thread reporter = Thread.ofPlatform().daemon().start(() -> {
            for (int w = 0; w < windows.length; w++) {
                sleepUntil(started + (w + 1) * 10_000_000_000L + 2_000_000_000L);
                System.out.printf("t=%4ds in_flight=%d %s%n", (w + 1) * 10, inFlight.get(), windows[w].summary(10));
            }
        });
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < requests; i++) {
                long at = started + i * 1_000_000_000L / rps;
                sleepUntil(at);
                HttpRequest request = streamEvery > 0 && i % streamEvery == 0 ? stream : plain;
                Window window = windows[(int) Math.min(windows.length - 1, (at - started) / 10_000_000_000L)];
                if (inFlight.get() >= maxInFlight) {
                    window.notSent();
                    total.notSent();
                    continue;
                }
                inFlight.incrementAndGet();
                senders.submit(() -> {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        String status = Integer.toString(response.statusCode());
                        String provider = response.headers().firstValue("X-Switchgear-Provider").orElse("?");
                        if (status.equals("200") && request == stream && !response.body().contains("data: [DONE]")) {
                            status = "200-truncated";
                        }
                        long micros = (System.nanoTime() - start) / 1000;
                        window.record(status, micros, provider);
                        total.record(status, micros, provider);
                    } catch (IOException e) {
                        window.record(e.getClass().getSimpleName(), 0, "");
                        total.record(e.getClass().getSimpleName(), 0, "");
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        inFlight.decrementAndGet();
                    }
                });
            }
        }
        reporter.join(15_000);
        System.out.println("RESULT rate=" + rps + "/s for " + seconds + "s " + total.summary(seconds));
    }
}

package dev.switchgear.adapter.persistence.database;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL a previous gateway left running on this data directory when it died
 * without stopping it (a {@code kill -9}: the server is a daemon of its own and outlives the JVM).
 * Found through the data directory's {@code postmaster.pid}, and stopped only when that file names
 * this very directory and its process is a live {@code postgres} started on it: never another server.
 */
final class LeftoverServer {

    private static final Logger LOG = LoggerFactory.getLogger(LeftoverServer.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final long pid;
    private final int port;
    private final ProcessHandle process;

    private LeftoverServer(long pid, int port, ProcessHandle process) {
        this.pid = pid;
        this.port = port;
        this.process = process;
    }

    /** The server left running on {@code dataDirectory}, if there is one. */
    static Optional<LeftoverServer> find(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (lines.size() < 4) {
            return Optional.empty();
        }
        long pid;
        int port;
        try {
            pid = Long.parseLong(lines.get(0).strip());
            port = Integer.parseInt(lines.get(3).strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!sameDirectory(Path.of(lines.get(1).strip()), dataDirectory)) {
            LOG.warn("{} names another data directory ({}); leaving its server alone", pidFile, lines.get(1).strip());
            return Optional.empty();
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return Optional.empty();
        }
        if (!isPostgresOn(process.get(), dataDirectory)) {
            LOG.warn("process {} of {} is not a PostgreSQL server on this data directory; leaving it alone", pid,
                    pidFile);
            return Optional.empty();
        }
        return Optional.of(new LeftoverServer(pid, port, process.get()));
    }

    long pid() {
        return pid;
    }

    /**
     * Stops the server: SIGTERM (PostgreSQL's smart shutdown; its clients died with the old JVM),
     * SIGKILL to it and its backends after {@code grace}; returns once the processes are gone and
     * the port is free, or throws when they are not within {@code limit}.
     */
    void stop(Duration grace, Duration limit) {
        LOG.warn("the embedded PostgreSQL of a previous run (pid {}, port {}) is still running; stopping it", pid, port);
        List<ProcessHandle> backends = process.descendants().toList();
        process.destroy();
        if (!awaitExit(process, grace)) {
            LOG.warn("PostgreSQL pid {} did not stop within {}; killing it", pid, grace);
            process.destroyForcibly();
            backends.forEach(ProcessHandle::destroyForcibly);
        }
        long deadline = System.nanoTime() + limit.toNanos();
        while (process.isAlive() || backends.stream().anyMatch(ProcessHandle::isAlive) || listening(port)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the embedded PostgreSQL of a previous run (pid " + pid
                        + ") could not be stopped");
            }
            sleep();
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static boolean sameDirectory(Path named, Path dataDirectory) {
        try {
            return Files.exists(named) && Files.isSameFile(named, dataDirectory);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A {@code postgres} executable whose command line names this data directory. On Linux the
     * command line is read from {@code /proc}; elsewhere from what the JDK reports of the process.
     */
    static boolean isPostgresOn(ProcessHandle process, Path dataDirectory) {
        List<String> commandLine = commandLine(process);
        if (commandLine.isEmpty()) {
            return false;
        }
        String executable = Path.of(commandLine.get(0)).getFileName().toString();
        if (!executable.equals("postgres") && !executable.equals("postgres.exe")) {
            return false;
        }
        for (int i = 1; i < commandLine.size(); i++) {
            String argument = commandLine.get(i);
            String directory = argument.equals("-D") && i + 1 < commandLine.size() ? commandLine.get(i + 1)
                    : argument.startsWith("-D") && argument.length() > 2 ? argument.substring(2) : null;
            if (directory != null && sameDirectory(Path.of(directory), dataDirectory)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> commandLine(ProcessHandle process) {
        Path proc = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        if (Files.isReadable(proc)) {
            try {
                String raw = Files.readString(proc, StandardCharsets.UTF_8);
                return List.of(raw.split("\0"));
            } catch (IOException e) {
                return List.of();
            }
        }
        ProcessHandle.Info info = process.info();
        if (info.command().isEmpty()) {
            return List.of();
        }
        List<String> line = new java.util.ArrayList<>();
        line.add(info.command().get());
        info.arguments().ifPresent(arguments -> line.addAll(List.of(arguments)));
        return line;
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the previous PostgreSQL", e);
        }
    }
}

package dev.switchgear.bootstrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a document's runnable blocks in order in one {@code bash} (so a variable set in one block is
 * there in the next), with {@code set -euo pipefail}: the first command that fails ends the run. Each
 * block's standard output and error go to files of their own, and the output is compared with the
 * block's {@code output} block (ADR 0027).
 */
final class DocScriptRunner {

    /** What became of a document: {@code null} failure when every block ran and printed what it says. */
    record Outcome(int blocksRun, String failure) {
        boolean passed() {
            return failure == null;
        }
    }

    private final Map<String, String> environment;
    private final Duration timeout;

    /** @param environment the variables the blocks see (PATH is added from this JVM's when missing) */
    DocScriptRunner(Map<String, String> environment, Duration timeout) {
        this.environment = environment;
        this.timeout = timeout;
    }

    Outcome run(List<RunnableDocs.Block> blocks) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("switchgear-docs");
        Path home = Files.createDirectories(work.resolve("home"));
        // A bound on every curl in the blocks, without changing what the reader copies.
        Files.writeString(home.resolve(".curlrc"), "connect-timeout = 10\nmax-time = 60\n");
        StringBuilder script = new StringBuilder("set -euo pipefail\n");
        for (int i = 0; i < blocks.size(); i++) {
            script.append("echo ").append(i).append(" > '").append(work.resolve("progress")).append("'\n")
                    .append("exec 1>'").append(work.resolve(i + ".out")).append("' 2>'")
                    .append(work.resolve(i + ".err")).append("'\n")
                    .append(blocks.get(i).script());
        }
        script.append("echo done > '").append(work.resolve("progress")).append("'\n");
        Path file = work.resolve("doc.sh");
        Files.writeString(file, script.toString());

        ProcessBuilder builder = new ProcessBuilder("bash", "--noprofile", "--norc", file.toString())
                .directory(work.toFile())
                .redirectOutput(work.resolve("bash.out").toFile())
                .redirectError(work.resolve("bash.err").toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().put("HOME", home.toString());
        builder.environment().put("LC_ALL", "C.UTF-8");
        builder.environment().putAll(environment);
        Process bash = builder.start();
        boolean finished = bash.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            bash.descendants().forEach(ProcessHandle::destroyForcibly);
            bash.destroyForcibly();
            bash.waitFor(10, TimeUnit.SECONDS);
        }
        String progress = read(work.resolve("progress")).strip();
        int reached = progress.equals("done") ? blocks.size() : progress.isEmpty() ? 0 : Integer.parseInt(progress);
        for (int i = 0; i < Math.min(reached + 1, blocks.size()); i++) {
            RunnableDocs.Block block = blocks.get(i);
            String out = read(work.resolve(i + ".out"));
            String err = read(work.resolve(i + ".err"));
            if (i == reached) {
                String why = !finished ? "did not finish within " + timeout.toSeconds() + " s"
                        : "failed (exit status " + bash.exitValue() + ")";
                return new Outcome(i, "the block at " + block.where() + " " + why + ":\n" + block.script()
                        + "--- its output ---\n" + out + "\n--- its errors ---\n" + err + read(work.resolve("bash.err")));
            }
            if (block.hasExpectedOutput()) {
                String mismatch = RunnableDocs.mismatch(block.expected(), out);
                if (mismatch != null) {
                    return new Outcome(i + 1, "the block at " + block.where()
                            + " no longer prints what the document shows: " + mismatch + "\n--- its errors ---\n" + err);
                }
            }
        }
        if (bash.exitValue() != 0) {
            return new Outcome(blocks.size(), "bash failed after the last block (exit status " + bash.exitValue()
                    + "):\n" + read(work.resolve("bash.err")));
        }
        return new Outcome(blocks.size(), null);
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}

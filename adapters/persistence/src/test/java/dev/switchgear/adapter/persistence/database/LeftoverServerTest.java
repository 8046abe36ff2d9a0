package dev.switchgear.adapter.persistence.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A leftover server is one this data directory's own postmaster.pid names, running postgres on it: nothing else. */
class LeftoverServerTest {

    @TempDir
    Path data;

    @TempDir
    Path elsewhere;

    private void pidFile(long pid, Path directory) throws Exception {
        Files.writeString(data.resolve("postmaster.pid"), pid + "\n" + directory + "\n1764600000\n54321\n/tmp\n"
                + "127.0.0.1\n  1234567     1\nready   \n");
    }

    @Test
    void noPidFileIsNoLeftover() {
        assertThat(LeftoverServer.find(data)).isEmpty();
    }

    @Test
    void aPidFileNamingAnotherDirectoryIsLeftAlone() throws Exception {
        pidFile(ProcessHandle.current().pid(), elsewhere);
        assertThat(LeftoverServer.find(data)).isEmpty();
    }

    @Test
    void aPidOfAProcessThatIsGoneIsNoLeftover() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(10, TimeUnit.SECONDS);
        pidFile(gone.pid(), data);
        assertThat(LeftoverServer.find(data)).isEmpty();
    }

    @Test
    void aLiveProcessThatIsNotPostgresOnThisDirectoryIsLeftAlone() throws Exception {
        Process notPostgres = new ProcessBuilder("sleep", "60").start();
        Path fakePostgres = elsewhere.resolve("postgres");
        Files.copy(Path.of("/bin/sleep"), fakePostgres, StandardCopyOption.COPY_ATTRIBUTES);
        Process postgresElsewhere = new ProcessBuilder(fakePostgres.toString(), "60").start();
        try {
            pidFile(notPostgres.pid(), data);
            assertThat(LeftoverServer.find(data)).isEmpty();
            pidFile(postgresElsewhere.pid(), data);
            assertThat(LeftoverServer.find(data)).isEmpty();
            assertThat(notPostgres.isAlive()).isTrue();
            assertThat(postgresElsewhere.isAlive()).isTrue();
        } finally {
            notPostgres.destroyForcibly();
            postgresElsewhere.destroyForcibly();
        }
    }

    @Test
    void aPostgresOnThisDirectoryIsFoundAndStopped() throws Exception {
        EmbeddedDatabase database = EmbeddedDatabase.start(data, false);
        long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
        try {
            LeftoverServer leftover = LeftoverServer.find(data).orElseThrow();
            assertThat(leftover.pid()).isEqualTo(pid);
            assertThat(LeftoverServer.isPostgresOn(ProcessHandle.of(pid).orElseThrow(), elsewhere)).isFalse();
            leftover.stop(java.time.Duration.ofSeconds(20), java.time.Duration.ofSeconds(60));
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        } finally {
            try {
                database.close();
            } catch (RuntimeException alreadyStopped) {
                // the server was stopped under the library's feet, which is the point of the test
            }
        }
    }
}

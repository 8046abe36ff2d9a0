package dev.switchgear.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchgear.adapter.persistence.database.EmbeddedDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server started ahead of the beans: handed over once, or stopped if never taken. */
class EarlyEmbeddedDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void aServerNeverTakenIsStoppedByClose() {
        Path data = dir.resolve("postgres");
        EarlyEmbeddedDatabase early = EarlyEmbeddedDatabase.start(data, false);

        early.close(); // waits for the start, then stops the server nobody took

        assertThat(data.resolve("PG_VERSION")).exists(); // it did start (initdb, then the server)
        assertThat(data.resolve("postmaster.pid")).doesNotExist(); // and it is stopped
    }

    @Test
    void aTakenServerOutlivesTheHoldersClose() throws Exception {
        EarlyEmbeddedDatabase early = EarlyEmbeddedDatabase.start(dir.resolve("postgres"), false);
        try (EmbeddedDatabase database = early.take()) {
            early.close();
            assertThat(dir.resolve("postgres").resolve("postmaster.pid")).exists();
            assertThat(answers(database.jdbcUrl())).isTrue();
        }
    }

    @Test
    void aStartThatFailedIsThrownByTake() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "in the way");
        EarlyEmbeddedDatabase early = EarlyEmbeddedDatabase.start(notADirectory.resolve("postgres"), false);

        assertThatThrownBy(early::take).isInstanceOf(RuntimeException.class);
        early.close(); // nothing to stop, and no error
    }

    private static boolean answers(String url) {
        try (var connection = DriverManager.getConnection(url, "postgres", null)) {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }
}

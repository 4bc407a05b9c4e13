package io.imprint.station.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StationDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void aFreshFileIsMigratedToTheBatchLogSchemaAndReopens() throws Exception {
        try (StationDatabase db = StationDatabase.open(dir.resolve("station"));
             Connection c = db.connection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME IN "
                             + "('BATCHES','DEVICES','CERTIFICATES','ATTEMPTS','ATTEMPT_STEPS','OPERATORS','CLAIM_CREDENTIALS','SYNC_OUTBOX')")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(8);
        }
        // The schema is made under a temporary name and renamed, and closing raised no H2 error (those
        // go to station.trace.db): nothing but the batch log is there.
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("station.mv.db"));
        }
        try (StationDatabase again = StationDatabase.open(dir.resolve("station"))) {
            assertThat(again.file()).isEqualTo(dir.resolve("station"));
        }
    }
}

package io.imprint.station.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.imprint.station.store.Sql;
import io.imprint.station.store.StationDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** findForUpdate holds the batch row: a supervisor's status change waits until the engine's check commits. */
class BatchRowLockTest {

    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    private final BatchRepository batches = new BatchRepository();

    @TempDir
    Path dir;

    @Test
    void aStatusChangeWaitsForTheTransactionThatReadTheBatchForUpdate() throws Exception {
        try (StationDatabase db = StationDatabase.open(dir.resolve("station"));
             Connection engine = db.connection();
             Connection supervisor = db.connection()) {
            Sql.update(engine, "INSERT INTO batches (batch_id, product, role, quantity, strategy, profile, status, attributes, created_by, created_at) "
                    + "VALUES ('WO-1', 'p', 'r', 10, 'KEY_ON_BOARD', 'device', 'OPEN', '{}', 'sup', ?)", NOW);
            engine.setAutoCommit(false);

            assertThat(batches.findForUpdate(engine, "WO-1")).map(Batch::status).contains(BatchStatus.OPEN);
            assertThat(batches.findForUpdate(engine, "WO-404")).isEmpty();
            try (Statement s = supervisor.createStatement()) {
                s.execute("SET LOCK_TIMEOUT 200");
            }
            SQLException blocked = catchThrowableOfType(SQLException.class, () -> {
                try (Statement s = supervisor.createStatement()) {
                    s.executeUpdate("UPDATE batches SET status = 'CLOSED' WHERE batch_id = 'WO-1'");
                }
            });
            assertThat((Throwable) blocked).as("the close must wait for the engine's transaction").isNotNull();
            assertThat(blocked.getErrorCode()).isEqualTo(org.h2.api.ErrorCode.LOCK_TIMEOUT_1);

            engine.commit();
            try (Statement s = supervisor.createStatement()) {
                assertThat(s.executeUpdate("UPDATE batches SET status = 'CLOSED' WHERE batch_id = 'WO-1'")).isEqualTo(1);
            }
            assertThat(batches.find(engine, "WO-1")).map(Batch::status).contains(BatchStatus.CLOSED);
        }
    }
}

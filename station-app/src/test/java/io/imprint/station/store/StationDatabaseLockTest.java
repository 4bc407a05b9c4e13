package io.imprint.station.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second station on a database file another station process has open is refused by name. */
class StationDatabaseLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondStationIsRefusedWithTheFileNameAndAKilledStationLeavesNoStaleLock() throws Exception {
        Path base = dir.resolve("station");
        try (ChildProcess first = ChildProcess.start(dir.resolve("first.err"), HoldingStation.class, base.toString())) {
            assertThat(first.awaitLine("OPEN", Duration.ofSeconds(30))).as(first::describe).isPresent();

            assertThatThrownBy(() -> StationDatabase.open(base))
                    .isInstanceOf(StoreException.class)
                    .hasMessage(dir.resolve("station.mv.db") + " is in use by another Imprint station (another"
                            + " process has it open); stop that station first")
                    .satisfies(e -> assertThat(h2ErrorCode(e)).isEqualTo(ErrorCode.DATABASE_ALREADY_OPEN_1));

            first.killHard();
        }
        // H2 locks the file through the operating system, so the lock died with the station.
        try (StationDatabase db = StationDatabase.open(base)) {
            assertThat(db.file()).isEqualTo(base);
        }
    }

    private static int h2ErrorCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getErrorCode();
            }
        }
        return 0;
    }
}

package io.imprint.station.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.protocol.BoardState;
import io.imprint.device.sim.BoardFarm;
import io.imprint.device.sim.BoardProfile;
import io.imprint.device.sim.FaultMode;
import io.imprint.station.batch.Strategy;
import io.imprint.station.store.Sql;
import io.imprint.station.store.Transactions;
import io.imprint.station.testing.SecretScan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** KEY_INJECTED boards: the station makes each board's key, and it is nowhere in the batch log or the log afterwards. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InjectedKeyAtRestTest {

    EngineFixture f;

    @BeforeAll
    void station() throws Exception {
        f = new EngineFixture(Files.createTempDirectory("injected"));
    }

    /** Each test its own batch log (the token is the class's). */
    @BeforeEach
    void freshDatabase() throws Exception {
        f.freshDatabase();
    }

    @AfterAll
    void close() {
        f.close();
    }

    @Test
    void injectedKeysAreOnTheBoardsOnly() throws Exception {
        f.openBatch("WO-INJ", 2, Strategy.KEY_INJECTED, "device");
        try (BoardFarm farm = new BoardFarm(f.dir.resolve("boards"), 2, BoardProfile.injection(EngineFixture.BAUD), FaultMode.NONE)) {
            for (int socket = 0; socket < 2; socket++) {
                SlotView v = f.provision(farm, socket, "WO-INJ");
                assertThat(v.step()).as(v.failure().toString()).isEqualTo(Step.PASSED);
                assertThat(farm.flash(socket).state()).isEqualTo(BoardState.LOCKED);
            }
            Path h2 = f.databaseFile();
            String sha256 = Transactions.inTransaction(f.db, tx -> Sql.query(tx, "SELECT sha256 FROM certificates WHERE batch_id = 'WO-INJ'",
                    rs -> rs.getString(1)).getFirst());
            assertThat(SecretScan.contains(h2, sha256.getBytes(StandardCharsets.US_ASCII))).as("the scan finds what the file holds").isTrue();
            for (int socket = 0; socket < 2; socket++) {
                byte[] injected = farm.flash(socket).key().orElseThrow();
                SecretScan.assertAbsent(h2, injected);
                assertThat(Files.readString(SecretScan.TEST_LOG)).as("the log is being written").contains(farm.flash(socket).deviceId());
                SecretScan.assertAbsent(SecretScan.TEST_LOG, injected);
            }
        }
    }
}

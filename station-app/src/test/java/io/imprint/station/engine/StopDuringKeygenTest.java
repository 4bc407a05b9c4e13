package io.imprint.station.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.protocol.MessageType;
import io.imprint.device.sim.BoardFarm;
import io.imprint.device.sim.BoardProfile;
import io.imprint.device.sim.FaultMode;
import io.imprint.station.audit.AuditVerification;
import io.imprint.station.audit.AuditVerifier;
import io.imprint.station.batch.Strategy;
import io.imprint.station.store.Sql;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.Transactions;
import io.imprint.station.testing.ChildStation;
import io.imprint.station.testing.ChildStationData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: the operator stops the station (SIGTERM, as systemd or Ctrl-C does) while a board makes its
 * key, which takes it seconds. The station cancels the attempt and records it as stopped, in the batch
 * log and the audit trail, before it lets go of the port; it does not wait the key out, nor blame the
 * board for the port it closed itself. The station runs in a child JVM on a real H2 file; the board is
 * a virtual one on a real pty in this JVM.
 */
class StopDuringKeygenTest {

    private static final String BATCH = "WO-STOP";
    private static final int BAUD = 115200;
    /** Longer than the station may take to stop: a station that waited for the key would fail the test. */
    private static final Duration KEYGEN = Duration.ofSeconds(20);

    @Test
    void sigtermWhileTheBoardMakesItsKeyRecordsTheAttemptStoppedNotFailed() throws Exception {
        Path dir = Files.createTempDirectory("stop-keygen");
        Path stderr = dir.resolve("station.err");
        Path data = dir.resolve("data");
        Map<String, String> env = ChildStationData.prepare(dir, data, "stop-test", BATCH, 10, Strategy.KEY_ON_BOARD);
        List<String> lines = new ArrayList<>();
        Duration stopping;
        try (BoardFarm farm = new BoardFarm(dir.resolve("boards"), 1, BoardProfile.keygen(BAUD, KEYGEN), FaultMode.NONE)) {
            ChildStation child = ChildStation.start(List.of("run", "--batch", BATCH, "--baud", String.valueOf(BAUD), "--data-dir", data.toString(),
                    "--station-id", "stop-test", "--user", "op", "--ports", farm.socketLink(0).toString()), env, stderr);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (farm.board(0).handling().filter(MessageType.GENERATE_KEY::equals).isEmpty()) {
                assertThat(child.alive()).as("station alive until the board makes its key\n" + ChildStation.tail(stderr, 40)).isTrue();
                assertThat(System.nanoTime()).as("the station asked the board for its key within a minute").isLessThan(deadline);
                child.next(Duration.ofMillis(20)).ifPresent(lines::add);
            }
            long sent = System.nanoTime();
            int status = child.terminate(Duration.ofSeconds(60));
            stopping = Duration.ofNanos(System.nanoTime() - sent);
            assertThat(status).as("the station stopped on SIGTERM\n" + ChildStation.tail(stderr, 40)).isNotEqualTo(-1);
            for (Optional<String> line = child.next(Duration.ofSeconds(5)); line.isPresent() || !child.ended(); line = child.next(Duration.ofSeconds(5))) {
                line.ifPresent(lines::add);
            }
        }
        assertThat(stopping).as("the station cancelled the board's key instead of waiting for it").isLessThan(KEYGEN);
        assertThat(lines).as("what the operator read").anySatisfy(l -> assertThat(l).startsWith("slot-1").contains("STOP")
                .contains(Failures.STOPPED).contains(Failures.PUT_BACK)).contains("0 board(s) passed").noneMatch(l -> l.contains("Garbled"));

        try (StationDatabase db = StationDatabase.open(data.resolve("station"))) {
            AuditVerification audit = AuditVerifier.trustingRecordedKeys().verifyDatabase(db);
            assertThat(audit.problems()).as("audit findings").isEmpty();
            Transactions.inTransaction(db, tx -> {
                assertThat(Sql.query(tx, "SELECT outcome, step, failure_reason, next_action FROM attempts",
                        rs -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))))
                        .as("the attempt, recorded by the station as it stopped")
                        .containsExactly(List.of("ABANDONED", "KEY_CSR", Failures.STOPPED, Failures.PUT_BACK));
                assertThat(Sql.query(tx, "SELECT status FROM devices", rs -> rs.getString(1))).as("the board, counted against no quota").containsExactly("FAILED");
                assertThat(Sql.count(tx, "SELECT COUNT(*) FROM certificates")).as("certificates: the board never sent its CSR").isZero();
                assertThat(Sql.query(tx, "SELECT details FROM audit_events WHERE action = 'attempt.abandoned'", rs -> rs.getString(1)))
                        .as("the audit event of the stop").singleElement().satisfies(d -> assertThat(d).contains("\"KEY_CSR\"")
                                .contains(Failures.STOPPED).contains("\"slot-1\""));
                assertThat(Sql.count(tx, "SELECT COUNT(*) FROM audit_events WHERE action = 'attempt.failed'")).as("attempts audited as failed").isZero();
                return null;
            });
        }
    }
}

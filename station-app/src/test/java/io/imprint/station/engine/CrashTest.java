package io.imprint.station.engine;

import io.imprint.station.testing.ChildStation;
import io.imprint.station.testing.ChildStationData;
import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.sim.BoardFarm;
import io.imprint.device.sim.BoardProfile;
import io.imprint.device.sim.FaultMode;
import io.imprint.station.audit.AuditVerification;
import io.imprint.station.audit.AuditVerifier;
import io.imprint.station.batch.Strategy;
import io.imprint.station.store.DeviceRecords;
import io.imprint.station.store.Sql;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.Transactions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's acceptance test: the station process is killed with SIGKILL at random points of a 200-board
 * run and restarted each time; afterwards every board the simulator reports as provisioned is in the
 * batch log with the certificate it holds, no device has two valid certificates, and the audit verifies.
 * The first run is stopped with SIGTERM mid-batch instead (issue 16): it records the boards in flight as
 * stopped, blames no board, and records the AOT cache the other runs start from.
 * The boards live in this JVM; the station runs in a child JVM, as in the factory. Pass
 * {@code -Dcrash.seed=N} to replay a run.
 */
class CrashTest {

    private static final int BOARDS = 200;
    private static final int KILLS = 15;
    private static final int SOCKETS = 4;
    private static final int BAUD = 115200;
    private static final String BATCH = "WO-CRASH";
    /** No line for this long while a board waits for its verdict: the station hangs. */
    private static final Duration HANG = Duration.ofSeconds(60);

    private final long seed = Long.getLong("crash.seed", System.nanoTime());
    private final Random random = new Random(seed);
    private final String replay = "seed " + seed + " (-Dcrash.seed=" + seed + ")";
    private Path dir;
    private Path stderr;
    private Path transcript;
    private int kills;
    private int runs;

    @Test
    void killedAtRandomTheStationLosesNoBoardAndIssuesNoSecondCertificate() throws Exception {
        dir = Files.createTempDirectory("crash");
        stderr = dir.resolve("station.err");
        transcript = dir.resolve("station.out");
        Path data = dir.resolve("data");
        Map<String, String> env = ChildStationData.prepare(dir, data, "crash-test", BATCH, BOARDS, Strategy.KEY_ON_BOARD);
        long began = System.nanoTime();
        try (BoardFarm farm = new BoardFarm(dir.resolve("boards"), SOCKETS, BoardProfile.keygen(BAUD, Duration.ofMillis(5)), FaultMode.NONE)) {
            LineOperator operator = new LineOperator(farm);
            List<String> args = List.of("run", "--batch", BATCH, "--baud", String.valueOf(BAUD), "--data-dir", data.toString(),
                    "--station-id", "crash-test", "--user", "op", "--ports",
                    String.join(",", IntStream.range(0, SOCKETS).mapToObj(i -> farm.socketLink(i).toString()).toList()));
            stoppedRun(ChildStation.startRecording(args, env, stderr), operator);
            while (kills < KILLS) {
                killedRun(ChildStation.start(args, env, stderr), operator);
            }
            lastRun(ChildStation.start(args, env, stderr), operator);
            check(data, operator, Duration.ofNanos(System.nanoTime() - began).toSeconds());
        }
    }

    /**
     * One station run ended by SIGKILL. Kills are spread over the batch: the k-th comes 100-1500 ms after
     * about k/KILLS of 160 boards are done, while every slot has a board; now and then one is timed from
     * the process start instead, and may land while the station opens its token and batch log.
     */
    private void killedRun(ChildStation child, LineOperator operator) throws Exception {
        runs++;
        operator.stationStarted();
        long threshold = (long) kills * (BOARDS - 40) / KILLS;
        boolean duringStart = random.nextInt(6) == 0;
        Duration killAfter = Duration.ofMillis(duringStart ? 200 + random.nextInt(2300) : 100 + random.nextInt(1400));
        long killAt = duringStart ? System.nanoTime() + killAfter.toNanos() : Long.MAX_VALUE;
        boolean started = false;
        while (child.alive()) {
            Optional<String> line = read(child, operator);
            started |= line.filter(l -> l.startsWith("station ")).isPresent();
            if (killAt == Long.MAX_VALUE && started && operator.locked() >= threshold) {
                killAt = System.nanoTime() + killAfter.toNanos();
            }
            if (System.nanoTime() >= killAt) {
                assertThat(child.kill()).as("exit status of SIGKILL; " + replay).isEqualTo(ChildStation.KILLED);
                kills++;
            }
        }
        assertThat(killAt).as("station exited by itself in run " + runs + "; " + replay + "\n" + ChildStation.tail(stderr, 40))
                .isLessThanOrEqualTo(System.nanoTime());
        drain(child, operator);
    }

    /**
     * The first run, ended by SIGTERM 300-1500 ms after the station started provisioning, with boards in
     * flight: the operator stopping the line. Every slot's board is cancelled and recorded as the station's
     * stop, not as a garbled or cut line, and the station closes cleanly.
     */
    private void stoppedRun(ChildStation child, LineOperator operator) throws Exception {
        runs++;
        operator.stationStarted();
        long stopAt = Long.MAX_VALUE;
        List<String> lines = new ArrayList<>();
        while (child.alive() && System.nanoTime() < stopAt) {
            Optional<String> line = read(child, operator);
            line.ifPresent(lines::add);
            if (stopAt == Long.MAX_VALUE && line.filter(l -> l.startsWith("station ")).isPresent()) {
                stopAt = System.nanoTime() + Duration.ofMillis(300 + random.nextInt(1200)).toNanos();
            }
        }
        assertThat(child.alive()).as("station exited by itself in run " + runs + "; " + replay + "\n" + ChildStation.tail(stderr, 40)).isTrue();
        assertThat(child.terminate(Duration.ofSeconds(60))).as("station did not stop on SIGTERM; " + replay).isNotEqualTo(-1);
        lines.addAll(drain(child, operator));
        assertThat(lines).as("the station's lines of the run it was told to stop; " + replay + "\n" + ChildStation.tail(stderr, 40))
                .anyMatch(l -> l.matches("\\d+ board\\(s\\) passed"))
                .noneMatch(l -> l.matches("slot-\\d+\\s+FAIL.*") && !l.contains(LineOperator.DONE));
    }

    /** The run after the last kill: provisions up to the batch's end, then is stopped as an operator would. */
    private void lastRun(ChildStation child, LineOperator operator) throws Exception {
        runs++;
        operator.stationStarted();
        boolean summary = false;
        while (child.alive()) {
            Optional<String> line = read(child, operator);
            summary |= line.filter(l -> l.matches("\\d+ board\\(s\\) passed")).isPresent();
            if (operator.locked() >= BOARDS) {
                operator.finish();
            }
            if (operator.quiet()) {
                assertThat(operator.locked()).as("every slot is idle: boards locked; " + replay).isGreaterThanOrEqualTo(BOARDS);
                // Every slot waits for its board to be taken out: Ctrl-C.
                assertThat(child.terminate(Duration.ofSeconds(60))).as("station did not stop on SIGTERM; " + replay).isNotEqualTo(-1);
            }
        }
        summary |= drain(child, operator).stream().anyMatch(l -> l.matches("\\d+ board\\(s\\) passed"));
        assertThat(summary).as("the station closed cleanly on SIGTERM; " + replay + "\n" + ChildStation.tail(stderr, 40)).isTrue();
    }

    /** The station's next line, acted on by the operator; fails the test if the station has gone silent. */
    private Optional<String> read(ChildStation child, LineOperator operator) throws Exception {
        Optional<String> line = child.next(Duration.ofMillis(20));
        if (line.isPresent()) {
            Files.writeString(transcript, runs + ": " + line.get() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            operator.handle(line.get());
        } else if (child.alive() && child.silence().compareTo(HANG) > 0) {
            Path dump = dir.resolve("hang.txt");
            Files.writeString(dump, child.threadDump());
            child.kill();
            throw new AssertionError("station silent for " + HANG + " with boards waiting (thread dump in " + dump + "); " + replay
                    + "\n" + ChildStation.tail(stderr, 40));
        }
        return line;
    }

    /** Reads what the station wrote before it died: a PASS it printed is acted on even if it came with the kill. */
    private List<String> drain(ChildStation child, LineOperator operator) throws Exception {
        List<String> rest = new ArrayList<>();
        while (!child.ended()) {
            read(child, operator).ifPresent(rest::add);
        }
        return rest;
    }

    private void check(Path data, LineOperator operator, long seconds) throws Exception {
        List<BoardRecord.OnBoard> locked = BoardRecord.lockedBoards(operator.boards());
        try (StationDatabase db = StationDatabase.open(data.resolve("station"))) {
            AuditVerification audit = AuditVerifier.trustingRecordedKeys().verifyDatabase(db);
            Transactions.inTransaction(db, tx -> {
                long abandoned = Sql.count(tx, "SELECT COUNT(*) FROM attempts WHERE outcome = 'ABANDONED'");
                long abandonedWithBoard = Sql.count(tx, "SELECT COUNT(*) FROM attempts WHERE outcome = 'ABANDONED' AND device_id IS NOT NULL");
                long stopped = Sql.count(tx, "SELECT COUNT(*) FROM attempts WHERE outcome = 'ABANDONED' AND failure_reason = '" + Failures.STOPPED + "'");
                long garbled = Sql.count(tx, "SELECT COUNT(*) FROM attempts WHERE failure_reason LIKE 'Garbled%'");
                long resumed = Sql.count(tx, "SELECT COUNT(*) FROM audit_events WHERE action = 'certificate.resumed'");
                long revoked = Sql.count(tx, "SELECT COUNT(*) FROM certificates WHERE status = 'REVOKED'");
                System.out.printf("crash: %d kills over %d runs, %d boards locked, %d passes, %d fails, "
                                + "%d abandoned attempts (%d with a board, %d stopped by SIGTERM), %d reused certificates, %d revoked, %d s; %s%n",
                        kills, runs, locked.size(), operator.passes(), operator.failures(), abandoned, abandonedWithBoard, stopped,
                        resumed, revoked, seconds, replay);

                assertThat(locked.size()).as("boards provisioned; " + replay).isGreaterThanOrEqualTo(BOARDS);
                for (BoardRecord.OnBoard board : locked) {
                    assertThat(BoardRecord.inBatchLog(tx, board.deviceId())).as("batch log record of " + board + "; " + replay)
                            .hasValue(new BoardRecord.Recorded("PROVISIONED", board.certificateHex()));
                }
                assertThat(Sql.query(tx, "SELECT device_id FROM devices WHERE status = 'PROVISIONED'", rs -> rs.getString(1)))
                        .as("provisioned in the batch log, locked on the boards; " + replay)
                        .containsExactlyInAnyOrderElementsOf(locked.stream().map(BoardRecord.OnBoard::deviceId).toList());
                assertThat(Sql.query(tx, "SELECT device_id FROM certificates WHERE status <> 'REVOKED' GROUP BY device_id HAVING COUNT(*) > 1",
                        rs -> rs.getString(1))).as("devices with two valid certificates; " + replay).isEmpty();
                DeviceRecords devices = new DeviceRecords();
                assertThat(devices.countedAgainstQuota(tx, BATCH)).as("the batch's quota counter against its rows; " + replay)
                        .isEqualTo(devices.countedAgainstQuotaByRows(tx, BATCH));
                assertThat(kills).as("kills; " + replay).isGreaterThanOrEqualTo(10);
                assertThat(garbled).as("attempts blamed on a garbled line, with no faulty board or cable; " + replay).isZero();
                assertThat(abandonedWithBoard).as("attempts a kill cut short with a board in flight; " + replay).isPositive();
                return null;
            });
            assertThat(audit.problems()).as("audit findings; " + replay).isEmpty();
            assertThat(audit.ok()).isTrue();
        }
    }
}

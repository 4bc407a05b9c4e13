package io.imprint.station.engine;

import static io.imprint.station.testing.Cli.imprint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.imprint.device.sim.BoardFarm;
import io.imprint.device.sim.BoardProfile;
import io.imprint.device.sim.FaultMode;
import io.imprint.station.batch.Strategy;
import io.imprint.station.store.HoldingStation;
import io.imprint.station.testing.Cli.Run;
import io.imprint.station.trace.BoardTraces;
import io.imprint.station.trace.DeviceTrace;
import io.imprint.station.trace.TraceLookup;
import java.io.BufferedReader;
import java.io.InputStreamReader;


import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;

import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tracing boards the engine really provisioned (SoftHSM CA, H2 file, virtual boards on ptys): a board
 * that failed once and passed on re-plug, a re-provisioned board, an unknown id; then {@code imprint
 * trace} on the same batch log, in text and JSON, and refused while a station holds the file.
 *
 * <p>Each test provisions the boards it traces on a batch log and boards of its own; the token (CA and
 * audit keys) is the class's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceWorkflowTest {

    static final String BATCH = "WO-TRACE";
    EngineFixture f;
    Path data;
    BoardFarm farm;

    @BeforeAll
    void token() throws Exception {
        f = new EngineFixture(Files.createTempDirectory("trace"));
    }

    /** A new batch log, in a data directory of its own (the command line reads one), with the batch open; two new boards. */
    @BeforeEach
    void station() throws Exception {
        data = f.freshDataDirectory();
        f.openBatch(BATCH, 10, Strategy.KEY_ON_BOARD, "device");
        farm = new BoardFarm(data.resolve("boards"), 2, BoardProfile.keygen(EngineFixture.BAUD, Duration.ofMillis(5)), FaultMode.NONE);
    }

    @AfterEach
    void boards() {
        farm.close();
    }

    @AfterAll
    void close() {
        f.close();
    }

    /** The board in {@code socket} passes; returns its id. */
    private String passed(int socket) {
        String id = farm.flash(socket).deviceId();
        assertThat(f.provision(farm, socket, BATCH).step()).isEqualTo(Step.PASSED);
        return id;
    }

    /** The board in {@code socket} fails once (it cannot store its identity), then passes when plugged in again; returns its id. */
    private String failedOnceThenPassed(int socket) throws Exception {
        String id = farm.flash(socket).deviceId();
        farm.board(socket).fault(FaultMode.REFUSE_COMMIT);
        assertThat(f.provision(farm, socket, BATCH).step()).isEqualTo(Step.FAILED);
        farm.replug(socket, false); // the same board, without its fault
        SlotView passed = f.provision(farm, socket, BATCH);
        assertThat(passed.step()).as(passed.failure().toString()).isEqualTo(Step.PASSED);
        return id;
    }

    /** The board in {@code socket} passes, is authorised for re-provisioning, is reflashed and passes again; returns its id. */
    private String reprovisioned(int socket) throws Exception {
        String id = farm.flash(socket).deviceId();
        assertThat(f.provision(farm, socket, BATCH).step()).isEqualTo(Step.PASSED);
        f.batches.authoriseReprovisioning(id, "sup");
        farm.replug(socket, false);
        io.imprint.device.sim.Flash.reflash(farm.flashFile(socket));
        farm.replug(socket, false);
        assertThat(f.provision(farm, socket, BATCH).step()).isEqualTo(Step.PASSED);
        return id;
    }

    @Test
    void aBoardThatFailedOnceThenPassedShowsBothAttemptsItsCertificateAndTheEventsNamingIt() throws Exception {
        String failedOnce = failedOnceThenPassed(0);

        DeviceTrace t = found(failedOnce);
        assertThat(t.device().status()).isEqualTo("PROVISIONED");
        assertThat(t.device().batchId()).isEqualTo(BATCH);
        assertThat(t.device().chipUid()).isNotBlank();
        assertThat(t.attempts()).extracting(DeviceTrace.Attempt::outcome).containsExactly("FAILED", "PASSED");
        DeviceTrace.Attempt failed = t.attempts().getFirst();
        assertThat(failed.failureReason()).isEqualTo("Board could not store its identity");
        assertThat(failed.nextAction()).isNotBlank();
        assertThat(failed.slot()).isEqualTo("slot-1");
        assertThat(failed.operator()).isEqualTo("op");
        assertThat(failed.startedAt()).isBefore(t.attempts().get(1).startedAt());
        for (DeviceTrace.Attempt a : t.attempts()) {
            assertThat(a.steps()).isNotEmpty();
            assertThat(a.steps()).extracting(s -> Step.valueOf(s.step()).ordinal()).isSorted();
            assertThat(a.duration()).isNotNull();
        }
        assertThat(t.attempts().get(1).steps()).extracting(DeviceTrace.StepTime::step).contains("LOCKED", "PASSED");

        // The one valid certificate is the device's; any other was revoked, none is left hanging.
        assertThat(t.certificates()).filteredOn(c -> !c.status().equals("REVOKED")).singleElement()
                .satisfies(c -> {
                    assertThat(c.status()).isEqualTo("ACKNOWLEDGED");
                    assertThat(c.serial()).isEqualTo(t.device().certificateSerial());
                });
        Set<String> subjects = new HashSet<>(List.of(failedOnce));
        t.certificates().forEach(c -> subjects.add(c.serial()));
        assertThat(t.events()).extracting(DeviceTrace.Event::action).contains("attempt.failed", "certificate.issued", "device.provisioned");
        assertThat(t.events()).allSatisfy(e -> assertThat(subjects).contains(e.subject()));
        assertThat(t.events()).extracting(DeviceTrace.Event::seq).isSorted();
    }

    @Test
    void aReprovisionedBoardShowsItsRevokedAndItsNewCertificate() throws Exception {
        String reprovisioned = reprovisioned(1);

        DeviceTrace t = found(reprovisioned);
        assertThat(t.attempts()).extracting(DeviceTrace.Attempt::outcome).containsExactly("PASSED", "PASSED");
        assertThat(t.certificates()).extracting(DeviceTrace.Certificate::status).containsExactly("REVOKED", "ACKNOWLEDGED");
        DeviceTrace.Certificate old = t.certificates().getFirst();
        assertThat(old.revocationReason()).isEqualTo("superseded");
        assertThat(old.revokedAt()).isNotNull();
        assertThat(t.certificates().get(1).serial()).isEqualTo(t.device().certificateSerial());
        assertThat(t.events()).extracting(DeviceTrace.Event::action)
                .containsSubsequence("device.provisioned", "device.reprovision-authorised", "certificate.revoked", "certificate.issued", "device.provisioned");
        assertThat(t.events()).filteredOn(e -> e.action().equals("certificate.revoked")).singleElement()
                .satisfies(e -> assertThat(e.subject()).isEqualTo(old.serial()));
    }

    @Test
    void anUnknownIdIsNotFoundWithNearMatchesAndIdsAreCaseSensitive() throws Exception {
        // Two boards in the batch log; how they got there does not matter to a lookup.
        String one = passed(0);
        String other = passed(1);
        TraceLookup lower = new BoardTraces(f.db).trace(one.toLowerCase());
        assertThat(lower).isInstanceOfSatisfying(TraceLookup.NotFound.class, n -> {
            assertThat(n.suggestions()).containsExactly(one);
            assertThat(n.message()).isEqualTo("no board " + one.toLowerCase() + " in the batch log; did you mean " + one + "?");
        });
        assertThat(new BoardTraces(f.db).trace("SIM-")).isInstanceOfSatisfying(TraceLookup.NotFound.class,
                n -> assertThat(n.suggestions()).containsExactlyInAnyOrder(one, other));
        assertThat(new BoardTraces(f.db).trace("NOPE-1%")).isInstanceOfSatisfying(TraceLookup.NotFound.class,
                n -> assertThat(n.suggestions()).isEmpty());
    }

    @Test
    void theCommandPrintsTheTimelineAndJsonThatParsesBackAndRefusesAnOpenStation() throws Exception {
        String failedOnce = failedOnceThenPassed(0);
        DeviceTrace expected = found(failedOnce);
        String dataDir = data.toString();
        // The command runs where the station does not: this JVM's station lets go of the file first.
        f.db.close();
        Process holder = holdStation(data.resolve("station"));
        try {
            Run refused = imprint("trace", failedOnce, "--data-dir", dataDir);
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err().strip()).isEqualTo("error: " + data.resolve("station.mv.db").toAbsolutePath().normalize()
                    + " is in use by another Imprint station (another process has it open); stop that station first");
        } finally {
            holder.destroy();
            holder.waitFor();
        }

        Run text = imprint("trace", failedOnce, "--data-dir", dataDir);
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).contains("Board " + failedOnce, "Attempts (2)", "FAILED at", "reason: Board could not store its identity",
                "Certificates (" + expected.certificates().size() + ")", "attempt.failed", "device.provisioned");

        Run json = imprint("trace", failedOnce, "--format", "json", "--data-dir", dataDir);
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.at("/device/deviceId").asText()).isEqualTo(failedOnce);
        assertThat(root.get("attempts")).hasSize(2);
        assertThat(root.at("/attempts/0/outcome").asText()).isEqualTo("FAILED");
        assertThat(root.at("/attempts/1/steps")).hasSize(expected.attempts().get(1).steps().size());
        assertThat(root.get("certificates")).hasSize(expected.certificates().size());
        assertThat(root.get("events")).hasSize(expected.events().size());
        assertThat(root.at("/attempts/0/startedAt").asText()).isEqualTo(expected.attempts().getFirst().startedAt().toString());

        Run unknown = imprint("trace", failedOnce.toLowerCase(), "--data-dir", dataDir);
        assertThat(unknown.exit()).isEqualTo(3);
        assertThat(unknown.err().strip()).isEqualTo("no board " + failedOnce.toLowerCase() + " in the batch log; did you mean " + failedOnce + "?");
        Run nowhere = imprint("trace", failedOnce, "--data-dir", f.dir.resolve("nowhere").toString());
        assertThat(nowhere.exit()).isEqualTo(1);
        assertThat(nowhere.err()).startsWith("error: no batch log at ");
        assertThat(Files.exists(f.dir.resolve("nowhere"))).isFalse();
        assertThat(imprint("trace").exit()).isEqualTo(2);
        assertThat(imprint("trace", failedOnce, "--format", "xml", "--data-dir", dataDir).exit()).isEqualTo(2);
    }

    private DeviceTrace found(String deviceId) throws Exception {
        TraceLookup lookup = new BoardTraces(f.db).trace(deviceId);
        assertThat(lookup).isInstanceOf(TraceLookup.Found.class);
        return ((TraceLookup.Found) lookup).trace();
    }

    /** Another station process holding the batch log open (as the running station does); closed with the returned process. */
    private static Process holdStation(Path base) throws Exception {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                HoldingStation.class.getName(), base.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(lines.readLine()).isEqualTo("OPEN");
        return p;
    }
}

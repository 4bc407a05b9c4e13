package io.imprint.station.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.device.protocol.BoardState;
import io.imprint.device.protocol.CredentialKind;
import io.imprint.device.serial.JSerialCommPort;
import io.imprint.device.serial.SerialSettings;
import io.imprint.device.sim.BoardFarm;
import io.imprint.device.sim.BoardProfile;
import io.imprint.device.sim.FaultMode;
import io.imprint.device.transport.PortIdentity;
import io.imprint.station.batch.Strategy;
import io.imprint.station.store.Sql;
import io.imprint.station.store.Transactions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A board pulled at every step of its session is provisioned on re-plug, and never ends with two valid certificates. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecoveryTest {

    EngineFixture f;

    @BeforeAll
    void station() throws Exception {
        f = new EngineFixture(Files.createTempDirectory("recovery"));
    }

    /** Each test its own batch log (the token is the class's). */
    @BeforeEach
    void freshDatabase() throws Exception {
        f.freshDatabase();
        f.openBatch("WO-PULL", 40, Strategy.KEY_ON_BOARD, "device");
    }

    @AfterAll
    void close() {
        f.close();
    }

    @Test
    void aBoardPulledAtEachStepIsProvisionedWhenPluggedBackIn() throws Exception {
        try (BoardFarm farm = new BoardFarm(f.dir.resolve("boards"), 1, BoardProfile.keygen(EngineFixture.BAUD, Duration.ofMillis(5)), FaultMode.NONE)) {
            int pullAt = 1;
            for (; ; pullAt++) {
                String deviceId = farm.flash(0).deviceId();
                var pulled = new PullingTransport(new JSerialCommPort(PortIdentity.ofPath(farm.portPath(0)), SerialSettings.of(EngineFixture.BAUD)), pullAt);
                SlotView first = new ProvisioningWorkflow(f.station, "slot-1", pulled, EngineFixture.QUICK, "op", "WO-PULL", SlotObserver.NONE).run();
                if (first.step() == Step.PASSED) {
                    break;
                }
                assertThat(first.failure().orElseThrow().reason()).isEqualTo("Board disconnected");

                farm.replug(0, false);
                SlotView second = f.provision(farm, 0, "WO-PULL");
                assertThat(second.step()).as("pulled at write " + pullAt + " (first attempt: " + first.step() + " " + first.failure() + "), then: " + second.failure())
                        .isEqualTo(Step.PASSED);
                X509Certificate onBoard = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(farm.flash(0).credentials().get(CredentialKind.DEVICE_CERT)));
                Transactions.inTransaction(f.db, tx -> {
                    assertThat(Sql.count(tx, "SELECT COUNT(*) FROM certificates WHERE device_id = ? AND status <> 'REVOKED'", deviceId)).isEqualTo(1);
                    assertThat(Sql.query(tx, "SELECT certificate_serial FROM devices WHERE device_id = ?", rs -> rs.getString(1), deviceId))
                            .containsExactly(onBoard.getSerialNumber().toString(16));
                    return null;
                });
                farm.replug(0, true);
            }
            // HELLO, IDENTIFY, STATUS, GENERATE_KEY, three or more credential chunks, VERIFY, COMMIT, LOCK: every one was pulled.
            assertThat(pullAt).isGreaterThanOrEqualTo(11);
        }
    }

    /** Stands for a SIGKILL: the workflow stops where it is, its attempt left unfinished for the reconciler. */
    private static final class StationDied extends RuntimeException {
        StationDied() {
            super("station killed (test)", null, false, false);
        }
    }

    @Test
    void aBoardLockedAsTheStationDiedIsRecordedEvenIfItsPlaceInTheBatchWasTaken() throws Exception {
        f.openBatch("WO-ONE", 1, Strategy.KEY_ON_BOARD, "device");
        try (BoardFarm farm = new BoardFarm(f.dir.resolve("locked"), 2, BoardProfile.keygen(EngineFixture.BAUD, Duration.ofMillis(5)), FaultMode.NONE)) {
            String deviceId = farm.flash(0).deviceId();
            SlotObserver killedAfterLock = view -> {
                if (view.step() == Step.LOCKED) {
                    throw new StationDied();
                }
            };
            var transport = new JSerialCommPort(PortIdentity.ofPath(farm.portPath(0)), SerialSettings.of(EngineFixture.BAUD));
            assertThatThrownBy(() -> new ProvisioningWorkflow(f.station, "slot-1", transport, EngineFixture.QUICK, "op", "WO-ONE", killedAfterLock).run())
                    .isInstanceOf(StationDied.class);
            transport.close();
            assertThat(farm.flash(0).state()).isEqualTo(BoardState.LOCKED);
            Station restarted = restart(f.station);

            // After the restart the other slot is quicker and takes the batch's only place.
            assertThat(provision(restarted, farm, 1, "WO-ONE").step()).isEqualTo(Step.PASSED);
            SlotView back = provision(restarted, farm, 0, "WO-ONE");

            assertThat(back.step()).as(back.failure().toString()).isEqualTo(Step.PASSED);
            Transactions.inTransaction(f.db, tx -> {
                assertThat(Sql.query(tx, "SELECT status FROM devices WHERE device_id = ?", rs -> rs.getString(1), deviceId)).containsExactly("PROVISIONED");
                assertThat(Sql.query(tx, "SELECT c.pem FROM devices d JOIN certificates c ON c.serial = d.certificate_serial WHERE d.device_id = ?",
                        rs -> Certificates.der(rs.getString(1)), deviceId)).containsExactly(farm.flash(0).credentials().get(CredentialKind.DEVICE_CERT));
                return null;
            });
        }
    }

    @Test
    void aBoardBackWithAnotherKeyIsNotSignedAgainOnceItsBatchIsFull() throws Exception {
        f.openBatch("WO-ONE-MORE", 1, Strategy.KEY_ON_BOARD, "device");
        try (BoardFarm farm = new BoardFarm(f.dir.resolve("rekeyed"), 2, BoardProfile.keygen(EngineFixture.BAUD, Duration.ofMillis(5)), FaultMode.NONE)) {
            String deviceId = farm.flash(0).deviceId();
            SlotObserver killedAfterSigning = view -> {
                if (view.step() == Step.SIGNED) {
                    throw new StationDied();
                }
            };
            var transport = new JSerialCommPort(PortIdentity.ofPath(farm.portPath(0)), SerialSettings.of(EngineFixture.BAUD));
            assertThatThrownBy(() -> new ProvisioningWorkflow(f.station, "slot-1", transport, EngineFixture.QUICK, "op", "WO-ONE-MORE", killedAfterSigning).run())
                    .isInstanceOf(StationDied.class);
            transport.close();
            Station restarted = restart(f.station);
            assertThat(provision(restarted, farm, 1, "WO-ONE-MORE").step()).isEqualTo(Step.PASSED);
            // The board lost its key meanwhile (a reset): its certificate is an orphan, and there is no place for a new one.
            eraseKey(farm.flashFile(0));
            farm.replug(0, false);
            SlotView back = provision(restarted, farm, 0, "WO-ONE-MORE");

            assertThat(back.step()).isEqualTo(Step.FAILED);
            assertThat(back.failure().orElseThrow().reason()).contains("is complete");
            Transactions.inTransaction(f.db, tx -> {
                assertThat(Sql.count(tx, "SELECT COUNT(*) FROM certificates WHERE device_id = ? AND status <> 'REVOKED'", deviceId)).isZero();
                assertThat(Sql.count(tx, "SELECT COUNT(*) FROM certificates WHERE batch_id = 'WO-ONE-MORE'")).isEqualTo(2);
                return null;
            });
        }
    }

    /** The station as a new process finds it: nothing on its slots, the dead run's attempts reconciled. */
    private static Station restart(Station dead) throws Exception {
        Station station = new Station(dead.stationId(), dead.db(), dead.ca(), dead.audit(), dead.clock());
        Reconciler.reconcile(station);
        return station;
    }

    private static SlotView provision(Station station, BoardFarm farm, int socket, String batchId) {
        var transport = new JSerialCommPort(PortIdentity.ofPath(farm.portPath(socket)), SerialSettings.of(EngineFixture.BAUD));
        return new ProvisioningWorkflow(station, "slot-" + (socket + 1), transport, EngineFixture.QUICK, "op", batchId, SlotObserver.NONE).run();
    }

    private static void eraseKey(Path flash) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(flash)) {
            p.load(r);
        }
        p.remove("key");
        p.setProperty("state", BoardState.BLANK.name());
        try (Writer w = Files.newBufferedWriter(flash)) {
            p.store(w, "key erased (test)");
        }
    }
}

package io.imprint.station.engine;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.file.Files;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A board pulled at every step of its session is provisioned on re-plug, and never ends with two valid certificates. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecoveryTest {

    EngineFixture f;

    @BeforeAll
    void station() throws Exception {
        f = new EngineFixture(Files.createTempDirectory("recovery"));
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
}

package io.imprint.station.label;

import io.imprint.station.wiring.StationWiring;
import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.sim.BoardFarm;
import io.imprint.device.sim.BoardProfile;
import io.imprint.device.sim.FaultMode;
import io.imprint.station.audit.AuditVerifier;
import io.imprint.station.batch.Strategy;
import io.imprint.station.engine.EngineFixture;
import io.imprint.station.engine.SlotObserver;
import io.imprint.station.engine.SlotView;
import io.imprint.station.engine.Step;
import io.imprint.station.run.SlotRunner;
import io.imprint.station.store.Sql;
import io.imprint.station.store.Transactions;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Labels on real parts: a virtual board on a real pty provisioned by a {@link SlotRunner} whose observer
 * the label service wraps, the SoftHSM CA, the H2 batch log. A printer that is off never fails a board.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabelAcceptanceTest {

    EngineFixture f;
    Labels labels;

    @BeforeAll
    void station() throws Exception {
        f = new EngineFixture(Files.createTempDirectory("labels"));
        labels = new Labels(f.db, f.station.audit(), Clock.systemUTC());
    }

    @AfterAll
    void close() {
        f.close();
    }

    @Test
    void aPrinterThatIsOffGivesANoticeAndTheSlotPassesThenAnOpenPrinterGetsTheLabel() throws Exception {
        f.openBatch("WO-L", 5, Strategy.KEY_ON_BOARD, "device");
        int closed = closedPort();
        labels.set("WO-L", "tcp://127.0.0.1:" + closed, Optional.empty(), Optional.empty(), "sup");
        BlockingQueue<LabelNotice> notices = new LinkedBlockingQueue<>();
        BlockingQueue<SlotView> finished = new LinkedBlockingQueue<>();
        try (BoardFarm farm = new BoardFarm(f.dir.resolve("line"), 1, BoardProfile.keygen(EngineFixture.BAUD, Duration.ofMillis(5)), FaultMode.NONE);
             LabelService service = new LabelService(f.db, notices::add);
             ServerSocket printer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SlotRunner slot = new SlotRunner(f.station, StationWiring.boardPorts(), "slot-1", farm.socketLink(0), "WO-L", "op", EngineFixture.BAUD,
                    service.observing("WO-L", SlotObserver.NONE), finished::add);
            Thread thread = Thread.ofPlatform().name("slot-1").start(slot);
            try {
                SlotView first = finished.poll(60, TimeUnit.SECONDS);
                assertThat(first).isNotNull();
                assertThat(first.step()).as(first.failure().toString()).isEqualTo(Step.PASSED);
                String device = first.deviceId().orElseThrow();

                LabelNotice notice = notices.poll(20, TimeUnit.SECONDS);
                assertThat(notice).isNotNull();
                assertThat(notice.deviceId()).isEqualTo(device);
                assertThat(notice.text()).isEqualTo("Label printer tcp://127.0.0.1:" + closed + " is not answering (connection refused): label for "
                        + device + " not printed — check the printer is on and on the network; reprint with imprint label print --batch WO-L --device " + device);
                assertThat(outcome(device)).isEqualTo("PASSED");

                labels.set("WO-L", "tcp://127.0.0.1:" + printer.getLocalPort(), Optional.empty(), Optional.empty(), "sup");
                CompletableFuture<String> arrived = receive(printer);
                farm.replug(0, true);
                SlotView second = finished.poll(60, TimeUnit.SECONDS);
                assertThat(second).isNotNull();
                assertThat(second.step()).as(second.failure().toString()).isEqualTo(Step.PASSED);
                String zpl = arrived.get(30, TimeUnit.SECONDS);
                String next = second.deviceId().orElseThrow();
                String sha = Transactions.inTransaction(f.db, tx -> Sql.query(tx, "SELECT sha256 FROM certificates WHERE serial = ?",
                        rs -> rs.getString(1), second.serial().orElseThrow()).getFirst());
                assertThat(zpl).startsWith("^XA").endsWith("^XZ\n");
                assertThat(QrDecoding.zplQrData(zpl)).isEqualTo("imprint:device=" + next + ";wo=WO-L;sha256=" + sha);
                assertThat(notices).isEmpty();
            } finally {
                slot.stop();
                thread.join(Duration.ofSeconds(30));
            }
        }
        Transactions.inTransaction(f.db, tx -> {
            assertThat(Sql.count(tx, "SELECT COUNT(*) FROM audit_events WHERE action = 'label.settings-changed' AND subject = 'WO-L'")).isEqualTo(2);
            return null;
        });
        assertThat(AuditVerifier.trusting(List.of(f.auditSigner.publicKey())).verifyDatabase(f.db).ok()).isTrue();
    }

    @Test
    void aBatchWithoutLabelsPrintsNothingAndSaysNothing() throws Exception {
        f.openBatch("WO-NOLABEL", 2, Strategy.KEY_ON_BOARD, "device");
        BlockingQueue<LabelNotice> notices = new LinkedBlockingQueue<>();
        try (BoardFarm farm = new BoardFarm(f.dir.resolve("nolabel"), 1, BoardProfile.keygen(EngineFixture.BAUD, Duration.ofMillis(5)), FaultMode.NONE)) {
            SlotView v = f.provision(farm, 0, "WO-NOLABEL");
            assertThat(v.step()).isEqualTo(Step.PASSED);
            var printing = new LabelPrinting(f.db);
            assertThat(printing.printPassed("WO-NOLABEL", v.deviceId().orElseThrow(), v.serial())).isInstanceOf(LabelPrinting.Outcome.NotWanted.class);
            try (LabelService service = new LabelService(printing, notices::add, 1)) {
                assertThat(service.submit(new LabelService.Job("WO-NOLABEL", v.deviceId().orElseThrow(), v.serial()))).isTrue();
            }
        }
        assertThat(notices).isEmpty();
    }

    private String outcome(String device) throws Exception {
        return Transactions.inTransaction(f.db, tx -> Sql.query(tx, "SELECT outcome FROM attempts WHERE device_id = ?", rs -> rs.getString(1), device).getFirst());
    }

    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static CompletableFuture<String> receive(ServerSocket server) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}

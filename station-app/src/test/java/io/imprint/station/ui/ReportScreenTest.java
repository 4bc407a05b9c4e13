package io.imprint.station.ui;

import static io.imprint.station.ui.FxTesting.fx;
import static io.imprint.station.ui.FxTesting.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.serial.JSerialCommPort;
import io.imprint.device.serial.SerialSettings;
import io.imprint.device.session.LinkTiming;
import io.imprint.device.sim.BoardFarm;
import io.imprint.device.sim.BoardProfile;
import io.imprint.device.sim.FaultMode;
import io.imprint.device.transport.PortIdentity;
import io.imprint.station.account.Accounts;
import io.imprint.station.account.QuickAccounts;
import io.imprint.station.account.Role;
import io.imprint.station.batch.Batch;
import io.imprint.station.batch.Strategy;
import io.imprint.station.engine.ProvisioningWorkflow;
import io.imprint.station.engine.SlotObserver;
import io.imprint.station.engine.SlotView;
import io.imprint.station.engine.Step;
import io.imprint.station.run.StationSetup;
import io.imprint.station.store.Sql;
import io.imprint.station.store.Transactions;
import io.imprint.station.sync.export.BundleVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.chart.BarChart;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testfx.api.FxRobot;

/**
 * The Reports screen on real parts (SoftHSM CA, H2 file, virtual boards on ptys, JavaFX under Xvfb): a
 * supervisor opens it on a batch where one board failed once, reads the counts the batch log holds, sees
 * the charts and tables filled and the audit trail intact, and exports the PDF, which pdftotext reads
 * back; an operator is not offered the screen.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportScreenTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String BATCH = "WO-QA1";

    final FxRobot robot = FxTesting.robot();
    ScreenStation station;
    Path dir;
    BoardFarm farm;
    StationWindow window;

    @BeforeAll
    void token() throws Exception {
        station = ScreenStation.prepare("report-ui", "ui-test");
    }

    /** The test's own station (batch log, CA directory, boards): three boards provisioned, one after a failure; the supervisor unlocks. */
    @BeforeEach
    void station() throws Exception {
        dir = station.fresh(s -> {
            farm = new BoardFarm(station.data().resolve("boards"), 3, BoardProfile.keygen(115200, Duration.ofMillis(5)), FaultMode.NONE);
            Accounts accounts = QuickAccounts.of(s.station().db(), s.station().audit(), Clock.systemUTC());
            accounts.create("sam", "Sam Supervisor", Role.SUPERVISOR, "sup-password".toCharArray(), Optional.empty(), "setup");
            accounts.create("olu", "Olu Operator", Role.OPERATOR, "op-password".toCharArray(), Optional.empty(), "setup");
            s.batches().create(new Batch(BATCH, "Gateway G2", "edge", 10, Strategy.KEY_ON_BOARD, "device", null,
                    Batch.CloudAttributes.none(), null, null), "sam");
            s.batches().open(BATCH, "sam");
            assertThat(provision(s, 0).step()).isEqualTo(Step.PASSED);
            farm.board(1).fault(FaultMode.REFUSE_COMMIT);
            assertThat(provision(s, 1).step()).isEqualTo(Step.FAILED);
            farm.replug(1, false);
            assertThat(provision(s, 1).step()).isEqualTo(Step.PASSED);
            assertThat(provision(s, 2).step()).isEqualTo(Step.PASSED);
        });
        window = station.openWindow(WAIT);
        FxTesting.unlock(robot, window, "sam", "sup-password", station.pin, WAIT);
    }

    /** The cloud export from the same screen: a signed AWS bundle of the batch; a CLAIM batch refused with nothing written. */
    @SuppressWarnings("unchecked")
    private void exportForCloud(long done) throws Exception {
        robot.clickOn("#report-export-cloud");
        waitUntil(WAIT, "the aws export", () -> text("#report-message").startsWith("aws export of " + BATCH + ": "));
        assertThat(text("#report-message")).contains(done + " board(s) in ", "imprint export verify");
        Path bundle;
        try (var files = Files.list(dir.resolve("reports"))) {
            bundle = files.filter(f -> f.getFileName().toString().startsWith(BATCH + "-aws-")).findFirst().orElseThrow();
        }
        var publicKey = window.session().station().orElseThrow().setup().stationSigner().publicKey();
        BundleVerifier.Verification v = BundleVerifier.verify(bundle, publicKey);
        assertThat(v.ok()).as(v.problems().toString()).isTrue();
        assertThat(Files.readAllLines(bundle.resolve("devices.ndjson"))).hasSize((int) done);

        window.session().station().orElseThrow().setup().batches().create(new Batch("WO-CLAIM", "Gateway G2", "edge", 5, Strategy.CLAIM, "device", null,
                Batch.CloudAttributes.none(), null, null), "sam");
        robot.clickOn("#report-refresh");
        waitUntil(WAIT, "the claim batch listed", () -> fx(() -> ((javafx.scene.control.ComboBox<String>) window.scene().lookup("#report-batch")).getItems()
                .contains("WO-CLAIM")));
        fx(() -> {
            ((javafx.scene.control.ComboBox<String>) window.scene().lookup("#report-batch")).setValue("WO-CLAIM");
            return null;
        });
        robot.clickOn("#report-export-cloud");
        waitUntil(WAIT, "the refusal", () -> text("#report-message").startsWith("Not exported: "));
        assertThat(text("#report-message")).contains("provisions by claim", "fleet provisioning");
        try (var files = Files.list(dir.resolve("reports"))) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("WO-CLAIM"));
        }
        fx(() -> {
            ((javafx.scene.control.ComboBox<String>) window.scene().lookup("#report-batch")).setValue(BATCH);
            return null;
        });
    }

    private SlotView provision(StationSetup s, int socket) {
        var transport = new JSerialCommPort(PortIdentity.ofPath(farm.portPath(socket)), SerialSettings.of(115200));
        LinkTiming timing = new LinkTiming(115200, Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofSeconds(2), 3);
        return new ProvisioningWorkflow(s.station(), "slot-" + (socket + 1), transport, timing, "olu", BATCH, SlotObserver.NONE).run();
    }

    @AfterEach
    void close() throws Exception {
        station.closeWindow();
        if (farm != null) {
            farm.close();
            farm = null;
        }
    }

    @Test
    void aSupervisorReadsTheBatchLogsNumbersExportsThePdfAndAnOperatorIsNotOfferedReports() throws Exception {
        assertThat(fx(() -> window.scene().lookup("#nav-reports").isVisible())).isTrue();
        robot.clickOn("#nav-reports");
        waitUntil(WAIT, "the report of " + BATCH, () -> !text("#report-tile-done").isEmpty() && !text("#report-audit").endsWith("verifying…")
                && rows("#report-steps") > 0);
        long done = sql("SELECT COUNT(*) FROM devices WHERE batch_id = ? AND status = 'PROVISIONED'");
        long attempts = sql("SELECT COUNT(*) FROM attempts WHERE batch_id = ? AND outcome IS NOT NULL");
        assertThat(done).isEqualTo(3);
        assertThat(text("#report-tile-done")).isEqualTo(Long.toString(done));
        assertThat(text("#report-tile-attempts")).isEqualTo(Long.toString(attempts));
        assertThat(text("#report-tile-remaining")).isEqualTo("7");
        assertThat(text("#report-tile-retries")).isEqualTo("1");
        assertThat(text("#report-tile-yield")).isEqualTo("100.0 %");
        assertThat(text("#report-tile-first-pass-yield")).isEqualTo("66.7 %");
        assertThat(text("#report-audit")).startsWith("Audit trail intact");
        assertThat(bars("#report-pareto")).isEqualTo(1);
        assertThat(bars("#report-histogram")).isPositive();
        assertThat(rows("#report-slots")).isEqualTo(3);
        assertThat(FxTesting.screenshot(window.scene(), "reports")).exists();

        robot.clickOn("#report-export-pdf");
        waitUntil(WAIT, "the PDF export", () -> text("#report-message").contains("written to"));
        Path pdf;
        try (var files = Files.list(dir.resolve("reports"))) {
            pdf = files.filter(f -> f.toString().endsWith(".pdf")).findFirst().orElseThrow();
        }
        assertThat(pdf.getFileName().toString()).startsWith(BATCH + "-");
        Process p = new ProcessBuilder("pdftotext", "-raw", pdf.toString(), "-").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(text).contains("Batch report " + BATCH, "Gateway G2", "by sam", done + "\nDone", attempts + "\nAttempts", "Audit trail: intact");

        exportForCloud(done);

        robot.clickOn("#nav-logout");
        waitUntil(WAIT, "the login screen", () -> window.scene().lookup("#login-screen") != null);
        robot.clickOn("#login-user").write("olu").type(KeyCode.ENTER);
        robot.write("op-password").type(KeyCode.ENTER);
        waitUntil(WAIT, "the batch screen", () -> window.scene().lookup("#batch-screen") != null);
        assertThat(fx(() -> window.scene().lookup("#nav-reports").isVisible())).isFalse();
    }

    private long sql(String query) throws Exception {
        // The window's station holds the batch log open; read it through that station.
        var db = window.session().station().orElseThrow().setup().station().db();
        return Transactions.inTransaction(db, tx -> Sql.count(tx, query, BATCH));
    }

    private int rows(String id) {
        return fx(() -> window.scene().lookup(id) instanceof TableView<?> t ? t.getItems().size() : 0);
    }

    private int bars(String id) {
        return fx(() -> window.scene().lookup(id) instanceof BarChart<?, ?> c && !c.getData().isEmpty()
                ? (int) c.getData().getFirst().getData().stream().filter(d -> ((Number) d.getYValue()).doubleValue() > 0).count() : 0);
    }

    private String text(String id) {
        return fx(() -> window.scene().lookup(id) instanceof Labeled l ? l.getText() : "");
    }
}

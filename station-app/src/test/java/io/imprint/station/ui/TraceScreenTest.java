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
import io.imprint.station.trace.DeviceTrace;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testfx.api.FxRobot;

/**
 * The app bar's "Find a board…" box on real parts (SoftHSM CA, H2 file, a virtual board on a pty,
 * JavaFX under Xvfb): an operator types the id of a board that failed once and passed on re-plug and
 * sees its two attempts, its certificate and the audit events naming it; a wrongly cased id offers the
 * right one, and a click on it traces the board.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceScreenTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String BATCH = "WO-TR1";

    final FxRobot robot = FxTesting.robot();
    ScreenStation station;
    BoardFarm farm;
    StationWindow window;
    String deviceId;

    @BeforeAll
    void token() throws Exception {
        station = ScreenStation.prepare("trace-ui", "ui-test");
    }

    /**
     * The test's own station (batch log, CA directory, a board): the board failed once and passed on
     * re-plug; the supervisor unlocks and hands over to the operator.
     */
    @BeforeEach
    void station() throws Exception {
        station.fresh(s -> {
            farm = new BoardFarm(station.data().resolve("boards"), 1, BoardProfile.keygen(115200, Duration.ofMillis(5)), FaultMode.NONE);
            deviceId = farm.flash(0).deviceId();
            Accounts accounts = QuickAccounts.of(s.station().db(), s.station().audit(), Clock.systemUTC());
            accounts.create("sam", "Sam Supervisor", Role.SUPERVISOR, "sup-password".toCharArray(), Optional.empty(), "setup");
            accounts.create("olu", "Olu Operator", Role.OPERATOR, "op-password".toCharArray(), Optional.empty(), "setup");
            s.batches().create(new Batch(BATCH, "Sensor S1", "telemetry", 5, Strategy.KEY_ON_BOARD, "device", null,
                    Batch.CloudAttributes.none(), null, null), "sam");
            s.batches().open(BATCH, "sam");
            farm.board(0).fault(FaultMode.REFUSE_COMMIT);
            assertThat(provision(s).step()).isEqualTo(Step.FAILED);
            farm.replug(0, false);
            assertThat(provision(s).step()).isEqualTo(Step.PASSED);
        });
        window = station.openWindow(WAIT);
        FxTesting.unlock(robot, window, "sam", "sup-password", station.pin, WAIT);
        robot.clickOn("#nav-logout");
        waitUntil(WAIT, "the login screen", () -> window.scene().lookup("#login-screen") != null);
        robot.clickOn("#login-user").write("olu").type(KeyCode.ENTER);
        robot.write("op-password").type(KeyCode.ENTER);
        waitUntil(WAIT, "the batch screen", () -> window.scene().lookup("#batch-screen") != null);
    }

    private SlotView provision(StationSetup s) {
        var transport = new JSerialCommPort(PortIdentity.ofPath(farm.portPath(0)), SerialSettings.of(115200));
        LinkTiming timing = new LinkTiming(115200, Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofSeconds(2), 3);
        return new ProvisioningWorkflow(s.station(), "slot-1", transport, timing, "olu", BATCH, SlotObserver.NONE).run();
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
    void anOperatorFindsABoardAndSeesItsAttemptsCertificateAndAuditEvents() throws Exception {
        // A wrongly cased id finds nothing (ids are case-sensitive) but offers the right one.
        robot.clickOn("#trace-search").write(deviceId.toLowerCase()).type(KeyCode.ENTER);
        waitUntil(WAIT, "the suggestion", () -> window.scene().lookup("#trace-suggestion-0") != null);
        assertThat(text("#trace-message")).isEqualTo("No board " + deviceId.toLowerCase() + " in the batch log. Did you mean:");
        assertThat(text("#trace-suggestion-0")).isEqualTo(deviceId);
        assertThat(rows("#trace-attempts")).isZero();
        robot.clickOn("#trace-suggestion-0");
        waitUntil(WAIT, "the trace of the suggested board", () -> rows("#trace-attempts") == 2);

        robot.clickOn("#nav-batches");
        waitUntil(WAIT, "the batch screen", () -> window.scene().lookup("#batch-screen") != null);
        robot.clickOn("#trace-search").write(deviceId).type(KeyCode.ENTER);
        waitUntil(WAIT, "the trace", () -> rows("#trace-attempts") == 2);
        assertThat(text("#trace-title")).isEqualTo("Board " + deviceId);
        assertThat(text("#trace-status")).isEqualTo("provisioned");
        assertThat(text("#trace-batch")).isEqualTo(BATCH);
        assertThat(text("#trace-message")).isEmpty();
        List<DeviceTrace.Attempt> attempts = items("#trace-attempts");
        assertThat(attempts).extracting(DeviceTrace.Attempt::outcome).containsExactly("FAILED", "PASSED");
        assertThat(attempts.getFirst().failureReason()).isEqualTo("Board could not store its identity");
        assertThat(attempts).allSatisfy(a -> assertThat(a.steps()).isNotEmpty());
        List<DeviceTrace.Certificate> certificates = items("#trace-certificates");
        assertThat(certificates).extracting(DeviceTrace.Certificate::status).contains("ACKNOWLEDGED");
        assertThat(text("#trace-provisioned")).isNotEqualTo("-");
        List<DeviceTrace.Event> events = items("#trace-events");
        assertThat(events).extracting(DeviceTrace.Event::action).contains("attempt.failed", "certificate.issued", "device.provisioned");
        assertThat(fx(() -> window.scene().lookup("#trace-attempts").lookupAll(".trace-wrap").stream()
                .map(n -> ((javafx.scene.text.Text) n).getText()).toList()))
                .contains("Board could not store its identity → Set the board aside for repair");
        assertThat(Files.size(FxTesting.screenshot(window.scene(), "trace"))).isPositive();
    }

    private int rows(String id) {
        return items(id).size();
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> items(String id) {
        return fx(() -> window.scene().lookup(id) instanceof TableView<?> t ? List.copyOf((List<T>) t.getItems()) : List.of());
    }

    private String text(String id) {
        return fx(() -> window.scene().lookup(id) instanceof javafx.scene.control.Labeled l ? l.getText() : "");
    }
}

package io.imprint.station.ui;

import static io.imprint.station.ui.FxTesting.fx;
import static io.imprint.station.ui.FxTesting.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.ca.testing.TokenPull;
import io.imprint.device.sim.BoardFarm;
import io.imprint.device.sim.BoardProfile;
import io.imprint.device.sim.FaultMode;
import io.imprint.station.account.QuickAccounts;
import io.imprint.station.account.Role;
import io.imprint.station.batch.Batch;
import io.imprint.station.batch.Strategy;
import io.imprint.station.run.PortBinding;
import io.imprint.station.run.StationSettings;
import io.imprint.station.store.Sql;
import io.imprint.station.store.Transactions;
import io.imprint.station.ui.line.StationAlert;
import io.imprint.station.ui.line.TileState;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testfx.api.FxRobot;

/**
 * The HSM pulled mid-shift and put back, on real parts (the demo's SoftHSM token, an H2 file, virtual
 * boards on ptys, JavaFX under Xvfb): the boards that meet the lost HSM FAIL with its reason and one
 * alert is raised, the band asks for a supervisor, a wrong PIN is refused and not retried, the right
 * one brings the same keys back without anyone logging out, and the next board passes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HsmReunlockScreenTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String BATCH = "WO-HSM";

    final FxRobot robot = FxTesting.robot();
    ScreenStation station;
    BoardFarm farm;
    StationWindow window;

    @BeforeAll
    void token() throws Exception {
        station = ScreenStation.prepare("station-hsm", "hsm-test");
    }

    /** A supervisor, an open batch and two slots bound to virtual boards, on the test's own station. */
    @BeforeEach
    void line() throws Exception {
        farm = new BoardFarm(java.nio.file.Files.createTempDirectory(station.dir, "boards"), 2,
                BoardProfile.keygen(115200, Duration.ofMillis(5)), FaultMode.NONE);
        station.fresh(s -> {
            QuickAccounts.of(s.station().db(), s.station().audit(), Clock.systemUTC())
                    .create("sam", "Sam Supervisor", Role.SUPERVISOR, "sup-password".toCharArray(), Optional.empty(), "setup");
            s.batches().create(new Batch(BATCH, "Sensor S1", "telemetry", 10, Strategy.KEY_ON_BOARD, "device", null,
                    Batch.CloudAttributes.none(), null, null), "sam");
            s.batches().open(BATCH, "sam");
            new StationSettings(s.station().db(), s.station().audit())
                    .bindSlots(List.of(new PortBinding.ByPath(farm.socketLink(0)), new PortBinding.ByPath(farm.socketLink(1))), "setup");
        });
    }

    @AfterEach
    void close() throws Exception {
        station.closeWindow();
        farm.close();
    }

    @Test
    void aSupervisorUnlocksTheHsmAgainFromTheLineAfterItWasPulledAndPutBack() throws Exception {
        String pin = station.pin;
        window = station.openWindow(WAIT);
        FxTesting.unlock(robot, window, "sam", "sup-password", pin, WAIT);
        robot.clickOn("#scan-work-order").write(BATCH).type(KeyCode.ENTER);
        waitUntil(WAIT, "both boards to pass", () -> passed(0) && passed(1));
        assertThat(fx(() -> window.scene().lookup("#hsm-banner").isVisible())).isFalse();

        try (TokenPull hsm = new TokenPull(station.dir.resolve("softhsm").resolve("tokens"), station.data().resolve("pulled"))) {
            hsm.pull();
            farm.replug(0, true);
            waitUntil(WAIT, "the board on slot 1 to fail", () -> failed(0));
            assertThat(text("#reason-slot-1")).isEqualTo("The HSM could not sign: it is locked or gone (CKR_OBJECT_HANDLE_INVALID)");
            waitUntil(WAIT, "the band asking for a supervisor", () -> fx(() -> window.scene().lookup("#hsm-banner").isVisible()));
            farm.replug(1, true);
            waitUntil(WAIT, "the board on slot 2 to fail", () -> failed(1));
            assertThat(hsmAlerts()).as("one alert for one lost HSM, however many boards meet it").isEqualTo(1);

            hsm.putBack();
            robot.clickOn("#reunlock-user").write("sam");
            robot.clickOn("#reunlock-password").write("sup-password");
            robot.clickOn("#reunlock-pin").write("00000000").type(KeyCode.ENTER);
            waitUntil(WAIT, "the wrong PIN refused", () -> text("#reunlock-message").startsWith("Wrong PIN — the HSM refused it"));
            assertThat(fx(() -> window.scene().lookup("#hsm-banner").isVisible())).isTrue();
            FxTesting.screenshot(window.scene(), "hsm-lost");
            assertThat(fx(() -> ((javafx.scene.control.PasswordField) window.scene().lookup("#reunlock-pin")).getText())).isEmpty();

            robot.clickOn("#reunlock-password").write("sup-password");
            robot.clickOn("#reunlock-pin").write(pin).type(KeyCode.ENTER);
            waitUntil(WAIT, "the band gone", () -> !fx(() -> window.scene().lookup("#hsm-banner").isVisible()));
        }
        assertThat(text("#app-user")).as("nobody logged out").isEqualTo("Sam Supervisor (supervisor)");
        assertThat(fx(() -> window.lineModel().log().entries().stream().anyMatch(e -> e.toString().contains("HSM unlocked again by Sam Supervisor")))).isTrue();

        farm.replug(0, true);
        waitUntil(WAIT, "the next board to pass", () -> passed(0));
        farm.replug(1, true);
        waitUntil(WAIT, "the board that failed meanwhile to pass when put back", () -> passed(1));
        var db = window.session().station().orElseThrow().setup().station().db();
        long unlockedAgain = Transactions.inTransaction(db, tx -> Sql.count(tx,
                "SELECT COUNT(*) FROM audit_events WHERE action = 'station.unlocked-again' AND actor = 'sam'"));
        long certificates = Transactions.inTransaction(db, tx -> Sql.count(tx, "SELECT COUNT(*) FROM certificates WHERE batch_id = ?", BATCH));
        assertThat(unlockedAgain).isEqualTo(1);
        assertThat(certificates).as("two boards before the HSM went, two after it came back").isEqualTo(4);
        FxTesting.screenshot(window.scene(), "hsm-reunlocked");
    }

    private boolean passed(int slot) {
        return fx(() -> window.lineModel().tiles().size() == 2 && window.lineModel().tiles().get(slot).stateProperty().get() instanceof TileState.Passed);
    }

    private boolean failed(int slot) {
        return fx(() -> window.lineModel().tiles().get(slot).stateProperty().get() instanceof TileState.Failed);
    }

    private long hsmAlerts() {
        return fx(() -> window.lineModel().alerts().stream().filter(a -> a.kind() == StationAlert.Kind.HSM_LOCKED).count());
    }

    private String text(String id) {
        return fx(() -> window.scene().lookup(id) instanceof javafx.scene.control.Labeled l ? l.getText() : "");
    }
}

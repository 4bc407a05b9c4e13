package io.imprint.station.ui;

import static io.imprint.station.ui.FxTesting.fx;
import static io.imprint.station.ui.FxTesting.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.ca.cli.DemoCa;
import io.imprint.ca.testing.TokenPull;
import io.imprint.device.sim.BoardFarm;
import io.imprint.device.sim.BoardProfile;
import io.imprint.device.sim.FaultMode;
import io.imprint.station.account.Accounts;
import io.imprint.station.account.Role;
import io.imprint.station.batch.Batch;
import io.imprint.station.batch.Strategy;
import io.imprint.station.run.PortBinding;
import io.imprint.station.run.StationSettings;
import io.imprint.station.run.StationSetup;
import io.imprint.station.store.Sql;
import io.imprint.station.store.Transactions;
import io.imprint.station.ui.line.StationAlert;
import io.imprint.station.ui.line.TileState;
import io.imprint.station.wiring.StationWiring;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The HSM pulled mid-shift and put back, on real parts (the demo's SoftHSM token, an H2 file, virtual
 * boards on ptys, JavaFX under Xvfb): the boards that meet the lost HSM FAIL with its reason and one
 * alert is raised, the band asks for a supervisor, a wrong PIN is refused and not retried, the right
 * one brings the same keys back without anyone logging out, and the next board passes.
 */
class HsmReunlockScreenTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String BATCH = "WO-HSM";

    @TempDir
    Path dir;

    final FxRobot robot = new FxRobot();
    BoardFarm farm;
    StationWindow window;

    @AfterEach
    void close() throws Exception {
        if (window != null) {
            FxToolkit.setupStage(st -> window.close());
        }
        if (farm != null) {
            farm.close();
        }
    }

    @Test
    void aSupervisorUnlocksTheHsmAgainFromTheLineAfterItWasPulledAndPutBack() throws Exception {
        String pin = station();
        window = FxTesting.openWindow(launch(), WAIT);
        FxTesting.unlock(robot, window, "sam", "sup-password", pin, WAIT);
        robot.clickOn("#scan-work-order").write(BATCH).type(KeyCode.ENTER);
        waitUntil(WAIT, "both boards to pass", () -> passed(0) && passed(1));
        assertThat(fx(() -> window.scene().lookup("#hsm-banner").isVisible())).isFalse();

        try (TokenPull hsm = new TokenPull(dir.resolve("softhsm").resolve("tokens"), dir.resolve("pulled"))) {
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

    /** The demo CA, a supervisor, an open batch and two slots bound to virtual boards; returns the token's PIN. */
    private String station() throws Exception {
        DemoCa.prepare(dir, new PrintWriter(Writer.nullWriter()));
        String pin = Files.readString(DemoCa.pinFile(dir)).strip();
        farm = new BoardFarm(dir.resolve("boards"), 2, BoardProfile.keygen(115200, Duration.ofMillis(5)), FaultMode.NONE);
        try (StationSetup s = StationSetup.open(dir, Optional.empty(), "hsm-test", pin.toCharArray(), w -> { })) {
            new Accounts(s.station().db(), s.station().audit(), Clock.systemUTC())
                    .create("sam", "Sam Supervisor", Role.SUPERVISOR, "sup-password".toCharArray(), Optional.empty(), "setup");
            s.batches().create(new Batch(BATCH, "Sensor S1", "telemetry", 10, Strategy.KEY_ON_BOARD, "device", null,
                    Batch.CloudAttributes.none(), null, null), "sam");
            s.batches().open(BATCH, "sam");
            new StationSettings(s.station().db(), s.station().audit())
                    .bindSlots(List.of(new PortBinding.ByPath(farm.socketLink(0)), new PortBinding.ByPath(farm.socketLink(1))), "setup");
        }
        return pin;
    }

    private StationLaunch launch() {
        return new StationLaunch(dir, Optional.empty(), Optional.of("hsm-test"), List.of(), 115200, Optional.empty(), Optional.empty(), StationWiring.boardPorts());
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

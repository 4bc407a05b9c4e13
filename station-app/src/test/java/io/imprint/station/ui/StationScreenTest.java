package io.imprint.station.ui;

import static io.imprint.station.ui.FxTesting.fx;
import static io.imprint.station.ui.FxTesting.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.sim.BoardFarm;
import io.imprint.device.sim.BoardProfile;
import io.imprint.device.sim.FaultMode;
import io.imprint.station.account.Accounts;
import io.imprint.station.account.QuickAccounts;
import io.imprint.station.account.Role;
import io.imprint.station.batch.Batch;
import io.imprint.station.batch.Strategy;
import io.imprint.station.run.PortBinding;
import io.imprint.station.run.StationSettings;
import io.imprint.station.ui.line.StationAlert;
import io.imprint.station.ui.line.TileState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testfx.api.FxRobot;

/**
 * The station screen end to end on real parts — a SoftHSM token holding the CA, an H2 file, virtual
 * boards on ptys, JavaFX under Xvfb — driven as a supervisor and an operator would: a wrong PIN
 * refused, unlock, open a batch by scanning its work order, a wrong password refused, the operator
 * runs the batch, four boards PASS, a faulty board FAILs with its reason, the quota is reached.
 *
 * <p>Each test has a station of its own (batch log, CA directory, boards; only the token is the
 * class's) and gets there itself: the set-up makes the accounts and the batch, and the test unlocks,
 * logs in and runs the line through the screens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StationScreenTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String BATCH = "WO-T1";

    final FxRobot robot = FxTesting.robot();
    ScreenStation station;
    String pin;
    BoardFarm farm;
    StationWindow window;

    @BeforeAll
    void token() throws Exception {
        station = ScreenStation.prepare("station-ui", "ui-test");
        pin = station.pin;
    }

    /**
     * The test's station at its login screen: Sam the supervisor, Olu the operator (badge BADGE-7), batch
     * WO-T1 of five boards, created (and opened when {@code opened}), and five boards bound to the slots,
     * the fifth one that makes a faulty key request.
     */
    private void station(boolean opened) throws Exception {
        station.fresh(s -> {
            farm = new BoardFarm(station.data().resolve("boards"), 5, BoardProfile.keygen(115200, Duration.ofMillis(5)), FaultMode.NONE);
            farm.board(4).fault(FaultMode.WRONG_SUBJECT_CSR);
            Accounts accounts = QuickAccounts.of(s.station().db(), s.station().audit(), Clock.systemUTC());
            accounts.create("sam", "Sam Supervisor", Role.SUPERVISOR, "sup-password".toCharArray(), Optional.empty(), "setup");
            accounts.create("olu", "Olu Operator", Role.OPERATOR, "op-password".toCharArray(), Optional.of("BADGE-7"), "setup");
            s.batches().create(new Batch(BATCH, "Sensor S1", "telemetry", 5, Strategy.KEY_ON_BOARD, "device", null,
                    Batch.CloudAttributes.none(), null, null), "sam");
            if (opened) {
                s.batches().open(BATCH, "sam");
            }
            List<PortBinding> bindings = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                bindings.add(new PortBinding.ByPath(farm.socketLink(i)));
            }
            new StationSettings(s.station().db(), s.station().audit()).bindSlots(bindings, "setup");
        });
        window = station.openWindow(WAIT);
    }

    /** The supervisor unlocks the station at the login screen. */
    private void unlocked() {
        FxTesting.unlock(robot, window, "sam", "sup-password", pin, WAIT);
    }

    /** The supervisor unlocks the station and logs out; the operator logs in. */
    private void operatorLoggedIn() {
        unlocked();
        robot.clickOn("#nav-logout");
        waitUntil(WAIT, "the login screen", () -> window.scene().lookup("#login-screen") != null);
        robot.clickOn("#login-user").write("olu").type(KeyCode.ENTER);
        robot.write("op-password").type(KeyCode.ENTER);
        waitUntil(WAIT, "the batch screen", () -> window.scene().lookup("#batch-screen") != null);
    }

    /** The operator scans the open batch's work order and the line runs its five boards: four PASS, the faulty fifth FAILs. */
    private void theLineRunsTheFiveBoards() {
        robot.clickOn("#scan-work-order").write(BATCH).type(KeyCode.ENTER);
        waitUntil(WAIT, "the line screen", () -> window.scene().lookup("#line-screen") != null);
        waitUntil(WAIT, "four PASS tiles and a FAIL", () -> {
            var tiles = window.lineModel().tiles();
            return tiles.size() == 5 && tiles.subList(0, 4).stream().allMatch(t -> t.stateProperty().get() instanceof TileState.Passed)
                    && tiles.get(4).stateProperty().get() instanceof TileState.Failed;
        });
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
    void aWrongPinIsRefusedAndNotRetriedThenTheSupervisorUnlocks() throws Exception {
        station(false);
        waitUntil(WAIT, "the login screen", () -> window.scene().lookup("#login-screen") != null);
        FxTesting.screenshot(window.scene(), "login");
        robot.clickOn("#login-user").write("sam");
        robot.clickOn("#login-password").write("sup-password");
        robot.clickOn("#login-pin").write("00000000");
        robot.clickOn("#login-submit");
        waitUntil(WAIT, "the refusal", () -> text("#login-message").startsWith("Wrong PIN — the HSM refused it"));
        assertThat(fx(() -> window.session().station())).isEmpty();
        assertThat(fx(() -> ((javafx.scene.control.PasswordField) window.scene().lookup("#login-pin")).getText())).isEmpty();

        robot.clickOn("#login-password").write("sup-password");
        robot.clickOn("#login-pin").write(pin);
        robot.type(KeyCode.ENTER);
        waitUntil(WAIT, "the batch screen", () -> window.scene().lookup("#batch-screen") != null);
        assertThat(text("#app-user")).isEqualTo("Sam Supervisor (supervisor)");
    }

    @Test
    void theSupervisorOpensTheBatchFoundByScanningItsWorkOrder() throws Exception {
        station(false);
        unlocked();
        robot.clickOn("#scan-work-order").write(BATCH).type(KeyCode.ENTER);
        waitUntil(WAIT, "the batch selected", () -> text("#batch-message").contains("is created: open it to run it"));
        robot.clickOn("#batch-open");
        waitUntil(WAIT, "the batch open", () -> text("#batch-message").equals("Batch " + BATCH + " opened"));
        waitUntil(WAIT, "the table to show it open", () -> FxTesting.anyWindowShows("open"));
        FxTesting.screenshot(window.scene(), "batches");
    }

    @Test
    void aWrongPasswordIsRefusedThenTheOperatorLogsInWithTheirBadge() throws Exception {
        station(true);
        unlocked();
        robot.clickOn("#nav-logout");
        waitUntil(WAIT, "the login screen", () -> window.scene().lookup("#login-screen") != null);
        assertThat(fx(() -> window.scene().lookup("#login-pin-box").isVisible())).isFalse();
        robot.clickOn("#login-user").write("olu").type(KeyCode.ENTER);
        robot.write("not-the-password").type(KeyCode.ENTER);
        waitUntil(WAIT, "the refusal", () -> text("#login-message").equals("Wrong user name or password"));

        // A badge scanner types the badge id and Enter.
        robot.doubleClickOn("#login-user").eraseText(3).write("BADGE-7").type(KeyCode.ENTER);
        robot.write("op-password").type(KeyCode.ENTER);
        waitUntil(WAIT, "the batch screen", () -> window.scene().lookup("#batch-screen") != null);
        assertThat(text("#app-user")).isEqualTo("Olu Operator (operator)");
        assertThat(fx(() -> window.scene().lookup("#batch-open").isVisible())).isFalse();
    }

    @Test
    void fourBoardsPassAndAFaultyBoardFailsWithItsReason() throws Exception {
        station(true);
        operatorLoggedIn();
        theLineRunsTheFiveBoards();
        for (int slot = 1; slot <= 4; slot++) {
            String status = "#status-slot-" + slot;
            assertThat(text(status)).isEqualTo("PASS");
            assertThat(text("#family-slot-" + slot)).as("the family the slot's probe found").isEqualTo("Imprint");
            // The model changed on the last pulse; its style classes (and so the font) apply on the next.
            assertThat(fx(() -> {
                Label label = (Label) window.scene().lookup(status);
                label.applyCss();
                return label.getFont().getSize();
            })).isGreaterThanOrEqualTo(24.0);
        }
        assertThat(text("#status-slot-5")).isEqualTo("FAIL");
        assertThat(text("#reason-slot-5")).isEqualTo("Board made a faulty key request");
        waitUntil(WAIT, "the counters", () -> text("#header-done").equals("4 / 5") && text("#header-failed").equals("1"));
        auditCountShownAtTheHead();
        FxTesting.screenshot(window.scene(), "line-acceptance");
    }

    @Test
    void theQuotaIsReachedAndTheNextBoardIsRefused() throws Exception {
        station(true);
        operatorLoggedIn();
        theLineRunsTheFiveBoards();
        waitUntil(WAIT, "the counters", () -> text("#header-done").equals("4 / 5") && text("#header-failed").equals("1"));
        long auditShownAfterFirstBoards = auditCountShownAtTheHead();

        farm.replug(4, true);
        waitUntil(WAIT, "the fifth board to pass", () -> window.lineModel().tiles().get(4).stateProperty().get() instanceof TileState.Passed);
        waitUntil(WAIT, "the quota alert", () -> window.lineModel().alerts().stream().anyMatch(a -> a.kind() == StationAlert.Kind.QUOTA_REACHED));
        waitUntil(WAIT, "the quota notification", () -> FxTesting.anyWindowShows("has all its 5 boards"));
        assertThat(text("#header-remaining")).isEqualTo("0");

        farm.replug(0, true);
        waitUntil(WAIT, "the sixth board refused", () -> window.lineModel().tiles().getFirst().stateProperty().get() instanceof TileState.Failed);
        assertThat(text("#reason-slot-1")).isEqualTo("Batch " + BATCH + " is complete (5 of 5)");
        assertThat(auditCountShownAtTheHead()).as("the line screen's audit count follows the boards").isGreaterThan(auditShownAfterFirstBoards);
        assertThat(fx(() -> ((Label) window.scene().lookup("#tile-slot-1").lookup(".tile-next")).getText())).isEqualTo("Next: Start the next batch");
    }

    /** Waits until the line screen's audit status names the chain's head as the database has it; returns that count. */
    private long auditCountShownAtTheHead() {
        long[] head = {0};
        waitUntil(WAIT, "the audit status at the chain's head", () -> {
            try {
                head[0] = io.imprint.station.store.Transactions.inTransaction(window.session().station().orElseThrow().setup().station().db(),
                        tx -> io.imprint.station.store.Sql.count(tx, "SELECT seq FROM audit_head WHERE id = 1"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return text("#audit-status").equals("Audit chain OK (" + head[0] + " events)");
        });
        return head[0];
    }

    private static String text(StationWindow w, String id) {
        return fx(() -> w.scene().lookup(id) instanceof javafx.scene.control.Labeled l ? l.getText() : "");
    }

    private String text(String id) {
        return text(window, id);
    }
}

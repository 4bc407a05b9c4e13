package io.imprint.station.ui;

import static io.imprint.station.ui.FxTesting.fx;
import static io.imprint.station.ui.FxTesting.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.station.account.AccountException;
import io.imprint.station.account.Accounts;
import io.imprint.station.account.QuickAccounts;
import io.imprint.station.account.Role;
import io.imprint.station.store.Sql;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.Transactions;
import io.imprint.station.ui.accounts.AccountsModel;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testfx.api.FxRobot;

/**
 * The accounts screen on real parts (SoftHSM CA, H2 file, JavaFX under Xvfb): an admin creates an
 * account, a password the rules refuse is refused with the rule, and the admin disables the account; the
 * new user could log in before and cannot after, and the audit trail has both changes by the admin.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountsScreenTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    final FxRobot robot = FxTesting.robot();
    ScreenStation station;
    StationWindow window;

    @BeforeAll
    void token() throws Exception {
        station = ScreenStation.prepare("station-accounts", "ui-accounts");
    }

    /** The test's own station (batch log, CA directory) with its admin, who unlocks it. */
    @BeforeEach
    void station() throws Exception {
        station.fresh(s -> QuickAccounts.of(s.station().db(), s.station().audit(), Clock.systemUTC())
                .create("ada", "Ada Admin", Role.ADMIN, "admin-password".toCharArray(), Optional.empty(), "setup"));
        window = station.openWindow(WAIT);
        FxTesting.unlock(robot, window, "ada", "admin-password", station.pin, WAIT);
    }

    @AfterEach
    void close() throws Exception {
        station.closeWindow();
    }

    @Test
    void anAdminCreatesAnAccountThenDisablesIt() throws Exception {
        robot.clickOn("#nav-accounts");
        waitUntil(WAIT, "the accounts", () -> rows().stream().anyMatch(r -> r.username().equals("ada")));

        robot.clickOn("#accounts-username").write("kim");
        robot.clickOn("#accounts-display").write("Kim Operator");
        fx(() -> {
            ((ComboBox<Role>) window.scene().lookup("#accounts-role")).setValue(Role.OPERATOR);
            return null;
        });
        robot.clickOn("#accounts-badge").write("BADGE-42");
        robot.clickOn("#accounts-password").write("short");
        robot.clickOn("#accounts-add");
        waitUntil(WAIT, "the refusal", () -> message().startsWith("Not done: "));
        assertThat(message()).contains("password");
        assertThat(rows()).noneMatch(r -> r.username().equals("kim"));

        robot.clickOn("#accounts-password").write("kim-password-1");
        robot.clickOn("#accounts-add");
        waitUntil(WAIT, "the new account", () -> rows().stream().anyMatch(r -> r.username().equals("kim") && r.state().equals("active · badge")));
        assertThat(message()).isEqualTo("Account kim created");
        assertThat(accounts().authenticate("BADGE-42", "kim-password-1".toCharArray()).username()).isEqualTo("kim");

        fx(() -> {
            @SuppressWarnings("unchecked")
            TableView<AccountsModel.Row> table = (TableView<AccountsModel.Row>) window.scene().lookup("#accounts-table");
            table.getSelectionModel().select(table.getItems().stream().filter(r -> r.username().equals("kim")).findFirst().orElseThrow());
            return null;
        });
        robot.clickOn("#accounts-disable");
        waitUntil(WAIT, "the account disabled", () -> rows().stream().anyMatch(r -> r.username().equals("kim") && r.state().startsWith("disabled")));
        assertThat(message()).isEqualTo("kim is disabled");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> accounts().authenticate("kim", "kim-password-1".toCharArray()))
                .isInstanceOf(AccountException.class);
        StationDatabase db = window.session().station().orElseThrow().setup().station().db();
        Transactions.inTransaction(db, tx -> {
            assertThat(Sql.count(tx, "SELECT COUNT(*) FROM audit_events WHERE actor = 'ada' AND action = 'account.created' AND subject = 'kim'")).isEqualTo(1);
            assertThat(Sql.count(tx, "SELECT COUNT(*) FROM audit_events WHERE actor = 'ada' AND action = 'account.disabled' AND subject = 'kim'")).isEqualTo(1);
            return null;
        });
        assertThat(fx(() -> window.scene().lookup("#accounts-table").lookupAll(".table-cell").stream()
                .anyMatch(n -> n instanceof javafx.scene.control.Labeled l && "Kim Operator".equals(l.getText())))).as("the table shows the rows' text").isTrue();
        FxTesting.screenshot(window.scene(), "accounts");
    }

    private Accounts accounts() {
        return window.session().station().orElseThrow().setup().accounts();
    }

    @SuppressWarnings("unchecked")
    private List<AccountsModel.Row> rows() {
        return fx(() -> List.copyOf(((TableView<AccountsModel.Row>) window.scene().lookup("#accounts-table")).getItems()));
    }

    private String message() {
        return fx(() -> ((javafx.scene.control.Label) window.scene().lookup("#accounts-message")).getText());
    }
}

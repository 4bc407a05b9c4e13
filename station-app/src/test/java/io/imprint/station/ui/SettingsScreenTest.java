package io.imprint.station.ui;

import static io.imprint.station.ui.FxTesting.fx;
import static io.imprint.station.ui.FxTesting.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.ca.ceremony.CaDirectory;
import io.imprint.ca.profile.CaConfig;
import io.imprint.station.account.Accounts;
import io.imprint.station.account.QuickAccounts;
import io.imprint.station.account.Role;
import io.imprint.station.run.ProfileSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testfx.api.FxRobot;

/**
 * The settings screen on real parts (SoftHSM CA, H2 file, JavaFX under Xvfb): an admin changes a
 * certificate profile and ca.conf has it; a bad value is refused with its reason; an operator sees the
 * settings but cannot change them.
 *
 * <p>Each test has a station of its own (batch log and CA directory with its ca.conf; only the token
 * is the class's).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SettingsScreenTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    final FxRobot robot = FxTesting.robot();
    ScreenStation station;
    Path dir;
    StationWindow window;

    @BeforeAll
    void token() throws Exception {
        station = ScreenStation.prepare("station-settings", "ui-settings");
    }

    /** The test's station, {@code setUp} run on it after the accounts are made, unlocked by the admin. */
    private void unlockedByTheAdmin(ScreenStation.SetUp setUp) throws Exception {
        dir = station.fresh(s -> {
            Accounts accounts = QuickAccounts.of(s.station().db(), s.station().audit(), Clock.systemUTC());
            accounts.create("ada", "Ada Admin", Role.ADMIN, "admin-password".toCharArray(), Optional.empty(), "setup");
            accounts.create("olu", "Olu Operator", Role.OPERATOR, "op-password".toCharArray(), Optional.empty(), "setup");
            setUp.on(s);
        });
        window = station.openWindow(WAIT);
        FxTesting.unlock(robot, window, "ada", "admin-password", station.pin, WAIT);
    }

    @AfterEach
    void close() throws Exception {
        station.closeWindow();
    }

    @Test
    void anAdminChangesTheDeviceProfileAndCaConfHasIt() throws Exception {
        unlockedByTheAdmin(s -> { });
        robot.clickOn("#nav-settings");
        selectDevice();
        waitUntil(WAIT, "the device profile's settings", () -> field("#settings-profile-validity").equals("P7300D"));
        replace("#settings-profile-validity", "P3650D");
        robot.clickOn("#settings-profile-save");
        waitUntil(WAIT, "the profile saved", () -> FxTesting.anyWindowShows("Profile device saved to ca.conf"));
        CaDirectory ca = new CaDirectory(dir.resolve("ca"));
        assertThat(CaConfig.load(ca.config()).profile("device").validity()).hasValue(Duration.ofDays(3650));

        replace("#settings-profile-key-types", "p192");
        robot.clickOn("#settings-profile-save");
        waitUntil(WAIT, "the refusal", () -> FxTesting.anyWindowShows("Profile device not saved: device key-types 'p192'"));
        assertThat(CaConfig.load(ca.config()).profile("device").ecCurves()).containsExactlyInAnyOrder("secp256r1", "secp384r1");
        FxTesting.screenshot(window.scene(), "settings");
    }

    @Test
    void anOperatorSeesTheSettingsButCannotChangeThem() throws Exception {
        // The admin has set the device profile's validity to ten years (as the admin's test does on the screen).
        unlockedByTheAdmin(s -> new ProfileSettings(s.caDirectory(), s.station().db(), s.station().audit())
                .change("device", Map.of("validity", "P3650D"), "ada"));
        robot.clickOn("#nav-logout");
        waitUntil(WAIT, "the login screen", () -> window.scene().lookup("#login-screen") != null);
        robot.clickOn("#login-user").write("olu").type(KeyCode.ENTER);
        robot.write("op-password").type(KeyCode.ENTER);
        waitUntil(WAIT, "the batch screen", () -> window.scene().lookup("#batch-screen") != null);
        robot.clickOn("#nav-settings");
        selectDevice();
        waitUntil(WAIT, "the device profile's settings", () -> field("#settings-profile-validity").equals("P3650D"));
        assertThat(fx(() -> ((Button) window.scene().lookup("#settings-profile-save")).isDisabled())).isTrue();
        assertThat(fx(() -> ((Button) window.scene().lookup("#settings-save")).isDisabled())).isTrue();
        assertThat(fx(() -> ((TextField) window.scene().lookup("#settings-profile-validity")).isEditable())).isFalse();
    }

    @SuppressWarnings("unchecked")
    private void selectDevice() {
        waitUntil(WAIT, "the profiles", () -> fx(() -> ((javafx.scene.control.ComboBox<String>) window.scene().lookup("#settings-profile")).getItems().contains("device")));
        fx(() -> {
            ((javafx.scene.control.ComboBox<String>) window.scene().lookup("#settings-profile")).setValue("device");
            return null;
        });
    }

    private String field(String id) {
        return fx(() -> window.scene().lookup(id) instanceof TextField f ? f.getText() : "");
    }

    private void replace(String id, String text) {
        fx(() -> {
            ((TextField) window.scene().lookup(id)).clear();
            return null;
        });
        robot.clickOn(id).write(text);
    }
}

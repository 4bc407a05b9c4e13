package io.imprint.station.ui.line;

import io.imprint.station.account.Operator;
import io.imprint.station.run.StationUnlock;
import io.imprint.station.run.Unlocked;
import io.imprint.station.ui.Background;
import io.imprint.station.ui.login.LoginModel;
import java.util.Arrays;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;

/**
 * The line screen's "unlock the HSM again" form as data: shown while the HSM is lost, filled in by a
 * supervisor called to the line (the operator stays logged in). The check and the new login run in
 * the background; a refusal is shown in plain words and never retried by itself.
 *
 * <p>FX thread only.
 */
public final class HsmUnlockModel {

    /** Checks the supervisor and logs the HSM in again (slow: runs in the background); wipes the arrays. */
    @FunctionalInterface
    public interface Unlocker {
        Operator unlock(String user, char[] password, char[] pin) throws Exception;

        /** The running station's: {@link StationUnlock#again}. */
        static Unlocker of(Unlocked station) {
            return (user, password, pin) -> StationUnlock.again(station, user, password, pin);
        }
    }

    private final Unlocker unlocker;
    private final Background background;
    private final Consumer<Operator> unlocked;
    private final SimpleStringProperty message = new SimpleStringProperty("");
    private final SimpleBooleanProperty busy = new SimpleBooleanProperty();

    /** @param unlocked told who unlocked it, on the FX thread, once the HSM signs again */
    public HsmUnlockModel(Unlocker unlocker, Background background, Consumer<Operator> unlocked) {
        this.unlocker = unlocker;
        this.background = background;
        this.unlocked = unlocked;
    }

    /** Takes over the arrays: they are wiped once used. */
    public void submit(String user, char[] password, char[] pin) {
        if (user.isBlank() || password.length == 0 || pin.length == 0) {
            Arrays.fill(password, '\0');
            Arrays.fill(pin, '\0');
            message.set("A supervisor enters their user name, their password and the HSM PIN");
            return;
        }
        busy.set(true);
        message.set("Unlocking the HSM…");
        background.run(() -> unlocker.unlock(user, password, pin), (Operator who) -> {
            busy.set(false);
            message.set("");
            unlocked.accept(who);
        }, e -> {
            busy.set(false);
            message.set(LoginModel.refusal(e));
        });
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }
}

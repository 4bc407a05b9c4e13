package io.imprint.station.ui.login;

import io.imprint.station.account.AccountException;
import io.imprint.station.account.Operator;
import io.imprint.station.run.StationUnlock;
import io.imprint.station.run.Unlocked;
import io.imprint.station.ui.ErrorDialogs;
import io.imprint.station.ui.Session;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;

/**
 * The login screen as data. While the HSM is locked, logging in is unlocking: a supervisor's name and
 * password plus the HSM PIN. Afterwards it is a plain login. The checks run in the background; a
 * refusal is shown in plain words and never retried by itself.
 *
 * <p>FX thread only.
 */
public final class LoginModel {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private final Session session;
    private final StationUnlock unlock;
    private final Consumer<Operator> loggedIn;
    private final SimpleStringProperty message = new SimpleStringProperty("");
    private final SimpleBooleanProperty busy = new SimpleBooleanProperty();
    private final SimpleBooleanProperty locked = new SimpleBooleanProperty();

    public LoginModel(Session session, StationUnlock unlock, Consumer<Operator> loggedIn) {
        this.session = session;
        this.unlock = unlock;
        this.loggedIn = loggedIn;
        locked.set(session.station().isEmpty());
    }

    /** Logs in (and unlocks, while locked). Takes over the arrays: they are wiped once used. */
    public void submit(String user, char[] password, char[] pin) {
        if (user.isBlank() || password.length == 0 || locked.get() && pin.length == 0) {
            message.set(locked.get() ? "Enter your user name, your password and the HSM PIN" : "Enter your user name (or scan your badge) and your password");
            Arrays.fill(password, '\0');
            Arrays.fill(pin, '\0');
            return;
        }
        busy.set(true);
        message.set(locked.get() ? "Unlocking the HSM…" : "Checking…");
        if (locked.get()) {
            session.background().run(() -> unlock.unlock(user, password, pin), (Unlocked u) -> {
                busy.set(false);
                locked.set(false);
                message.set("");
                session.unlocked(u);
                loggedIn.accept(u.by());
            }, this::refused);
        } else {
            Arrays.fill(pin, '\0');
            var accounts = session.station().orElseThrow().accounts();
            session.background().run(() -> {
                try {
                    return accounts.authenticate(user, password);
                } finally {
                    Arrays.fill(password, '\0');
                }
            }, (Operator who) -> {
                busy.set(false);
                message.set("");
                loggedIn.accept(who);
            }, this::refused);
        }
    }

    private void refused(Exception e) {
        busy.set(false);
        message.set(refusal(e));
    }

    /** A refused unlock or login in the words the screen shows: the PIN, the lockout, the password, else the cause. */
    public static String refusal(Exception e) {
        return switch (e) {
            case StationUnlock.WrongPinException w -> w.getMessage();
            case AccountException a when a.reason() == AccountException.Reason.LOCKED ->
                    "Account locked after too many wrong passwords" + a.lockedUntil().map(t -> " until " + TIME.format(t)).orElse("") + ". A supervisor can unlock it.";
            case AccountException a when a.reason() == AccountException.Reason.WRONG_CREDENTIALS -> "Wrong user name or password";
            case AccountException a -> a.getMessage();
            default -> ErrorDialogs.readable(e).lines().findFirst().orElse("Refused");
        };
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyBooleanProperty lockedProperty() {
        return locked;
    }
}

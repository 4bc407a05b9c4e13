package io.imprint.station.ui.accounts;

import io.imprint.station.account.AccountSummary;
import io.imprint.station.account.Accounts;
import io.imprint.station.account.Permission;
import io.imprint.station.account.Role;
import io.imprint.station.ui.ErrorDialogs;
import io.imprint.station.ui.Session;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The admin's accounts screen as data: every account with its state, and the four things an admin does
 * to them — add, disable, unlock, set a new password — through the same {@link Accounts} as
 * {@code imprint user}, so the same rules (name, badge, password length) refuse the same input and the
 * same audit events record each change. Passwords are taken as char arrays and wiped once used.
 *
 * <p>FX thread only; the work runs on the session's background threads.
 */
public final class AccountsModel {

    /** One account as the table shows it. */
    public record Row(String username, String displayName, String role, String state) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
    private final Session session;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final SimpleStringProperty message = new SimpleStringProperty("");

    public AccountsModel(Session session) {
        this.session = session;
    }

    /** Only an admin manages accounts, as on the command line. */
    public boolean editable() {
        return session.may(Permission.MANAGE_ACCOUNTS);
    }

    public void load() {
        Accounts accounts = accounts();
        session.background().run(accounts::summaries, list -> rows.setAll(list.stream().map(AccountsModel::row).toList()),
                e -> message.set("Accounts not read: " + firstLine(e)));
    }

    public void add(String username, String displayName, Role role, char[] password, String badge) {
        String actor = session.actor();
        change(a -> a.create(username.strip(), displayName, role, password, badge.isBlank() ? Optional.empty() : Optional.of(badge.strip()), actor),
                "Account " + username.strip() + " created", password);
    }

    public void disable(String username) {
        String actor = session.actor();
        change(a -> a.disable(username, actor), username + " is disabled", null);
    }

    public void unlock(String username) {
        String actor = session.actor();
        change(a -> a.unlock(username, actor), username + " is unlocked", null);
    }

    /** Sets a new password (which also lifts a lockout). */
    public void resetPassword(String username, char[] password) {
        String actor = session.actor();
        change(a -> a.changePassword(username, password, actor), "The password of " + username + " is changed", password);
    }

    private interface Change {
        void apply(Accounts accounts) throws Exception;
    }

    private void change(Change change, String done, char[] secret) {
        if (!editable()) {
            message.set("Only an admin can manage accounts");
            wipe(secret);
            return;
        }
        Accounts accounts = accounts();
        session.background().run(() -> {
            try {
                change.apply(accounts);
                return accounts.summaries();
            } finally {
                wipe(secret);
            }
        }, list -> {
            rows.setAll(list.stream().map(AccountsModel::row).toList());
            message.set(done);
        }, e -> message.set("Not done: " + firstLine(e)));
    }

    private Accounts accounts() {
        return session.station().orElseThrow().setup().accounts();
    }

    private static Row row(AccountSummary a) {
        String state = a.disabled() ? "disabled"
                : a.lockedUntil().map(t -> "locked until " + TIME.format(t)).orElse(a.failedLogins() > 0 ? a.failedLogins() + " failed login(s)" : "active");
        return new Row(a.operator().username(), a.operator().displayName(), a.operator().role().label(), state + (a.hasBadge() ? " · badge" : ""));
    }

    private static String firstLine(Throwable e) {
        return ErrorDialogs.readable(e).lines().findFirst().orElse("error");
    }

    private static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    /** The roles an account can have, as the form offers them. */
    public static List<Role> roles() {
        return List.of(Role.values());
    }
}

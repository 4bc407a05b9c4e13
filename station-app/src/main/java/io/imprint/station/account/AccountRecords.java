package io.imprint.station.account;

import io.imprint.station.store.Sql;
import io.imprint.station.store.StoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Accounts in the {@code operators} table, read and written within the caller's transaction. Names
 * are matched without regard to case (the {@code user_key} column); badges exactly.
 *
 * <p>Stateless and thread-safe.
 */
final class AccountRecords {

    private static final String COLUMNS = "user_name, display_name, role, password_hash, badge, failed_logins, locked_until, created_at, disabled_at";

    /** The account named {@code username} in any case, its row locked until the transaction ends. */
    Optional<AccountRow> byName(Connection tx, String username) throws StoreException {
        return one(Sql.query(tx, "SELECT " + COLUMNS + " FROM operators WHERE user_key = ? FOR UPDATE", AccountRecords::read,
                username.toLowerCase(Locale.ROOT)));
    }

    /** The account with badge {@code badge}, its row locked until the transaction ends. */
    Optional<AccountRow> byBadge(Connection tx, String badge) throws StoreException {
        return one(Sql.query(tx, "SELECT " + COLUMNS + " FROM operators WHERE badge = ? FOR UPDATE", AccountRecords::read, badge));
    }

    /** Whether {@code text} is some account's name (in any case) or badge. */
    boolean nameOrBadgeTaken(Connection tx, String text) throws StoreException {
        return Sql.count(tx, "SELECT COUNT(*) FROM operators WHERE user_key = ? OR badge = ?", text.toLowerCase(Locale.ROOT), text) > 0;
    }

    void insert(Connection tx, AccountRow r) throws StoreException {
        Sql.update(tx, "INSERT INTO operators (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", r.username(), r.displayName(),
                r.role().name(), r.passwordHash(), r.badge(), r.failedLogins(), r.lockedUntil(), r.createdAt(), r.disabledAt());
    }

    List<AccountRow> list(Connection tx) throws StoreException {
        return Sql.query(tx, "SELECT " + COLUMNS + " FROM operators ORDER BY user_key", AccountRecords::read);
    }

    long count(Connection tx) throws StoreException {
        return Sql.count(tx, "SELECT COUNT(*) FROM operators");
    }

    void setLoginState(Connection tx, String username, int failedLogins, Instant lockedUntil) throws StoreException {
        Sql.update(tx, "UPDATE operators SET failed_logins = ?, locked_until = ? WHERE user_name = ?", failedLogins, lockedUntil, username);
    }

    void setPasswordHash(Connection tx, String username, String passwordHash) throws StoreException {
        Sql.update(tx, "UPDATE operators SET password_hash = ? WHERE user_name = ?", passwordHash, username);
    }

    void disable(Connection tx, String username, Instant at) throws StoreException {
        Sql.update(tx, "UPDATE operators SET disabled_at = ? WHERE user_name = ?", at, username);
    }

    private static Optional<AccountRow> one(List<AccountRow> rows) {
        return rows.stream().findFirst();
    }

    private static AccountRow read(ResultSet rs) throws SQLException {
        return new AccountRow(rs.getString("user_name"), rs.getString("display_name"), Role.valueOf(rs.getString("role")),
                rs.getString("password_hash"), rs.getString("badge"), rs.getInt("failed_logins"), Sql.instant(rs, "locked_until"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "disabled_at"));
    }
}

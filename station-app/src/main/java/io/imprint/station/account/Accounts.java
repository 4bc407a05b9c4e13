package io.imprint.station.account;

import io.imprint.station.account.AccountException.Reason;
import io.imprint.station.audit.AuditEvent;
import io.imprint.station.audit.AuditTrail;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import io.imprint.station.store.Transactions;
import io.imprint.station.util.JsonText;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The station's user accounts: operators, QA supervisors and admins in the batch log, with salted,
 * slow password hashes ({@link PasswordHash}) and a lockout after {@value #MAX_FAILED_TRIES} wrong
 * passwords in a row for {@link #LOCK_DURATION}. Every change and every login attempt is one
 * transaction together with its audit event. Passwords arrive as {@code char[]} and are wiped before
 * the method returns, whatever happens.
 *
 * <p>Who may call {@link #create}, {@link #unlock} and the like is the caller's to check with
 * {@link #require}: the command line runs as whoever can open the station's files.
 *
 * <p>Thread-safe.
 */
public final class Accounts {

    /** Wrong passwords in a row that lock an account. */
    public static final int MAX_FAILED_TRIES = 5;
    /** How long a lock lasts unless a supervisor or an admin unlocks it sooner. */
    public static final Duration LOCK_DURATION = Duration.ofMinutes(5);
    /** PBKDF2 iterations for new hashes: about 120 ms on the reference station (docs/ACCOUNTS.md). */
    public static final int DEFAULT_ITERATIONS = 600_000;

    private static final AccountRecords RECORDS = new AccountRecords();

    private final StationDatabase db;
    private final AuditTrail audit;
    private final Clock clock;
    private final int iterations;
    private final Logins logins;
    // A name must not be another account's badge nor the reverse; the database cannot say that in one
    // constraint, so creations take turns (one station process owns the file).
    private final ReentrantLock creating = new ReentrantLock();

    public Accounts(StationDatabase db, AuditTrail audit, Clock clock) {
        this(db, audit, clock, DEFAULT_ITERATIONS);
    }

    /** With a lower iteration count, for tests that hash many passwords. */
    Accounts(StationDatabase db, AuditTrail audit, Clock clock, int iterations) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.iterations = iterations;
        this.logins = new Logins(audit, clock, iterations);
    }

    /**
     * The user whose name or badge id is {@code usernameOrBadge} (surrounding blanks ignored), if
     * {@code password} is theirs and the account is neither locked nor disabled. An unknown name gets
     * the same {@link Reason#WRONG_CREDENTIALS} and takes as long as a wrong password.
     */
    public Operator authenticate(String usernameOrBadge, char[] password) throws AccountException, StoreException {
        try {
            String typed = usernameOrBadge == null ? "" : usernameOrBadge.strip();
            Logins.Outcome outcome = Transactions.inTransaction(db, tx -> logins.attempt(tx, typed, password));
            if (outcome.refusal() != null) {
                throw outcome.refusal();
            }
            return outcome.operator();
        } finally {
            wipe(password);
        }
    }

    public Operator create(String username, String displayName, Role role, char[] password, Optional<String> badge, String actor)
            throws AccountException, StoreException {
        try {
            AccountRules.username(username);
            String display = AccountRules.displayName(displayName);
            if (role == null) {
                throw new AccountException(Reason.INVALID, "a new account needs a role: operator, supervisor or admin");
            }
            Optional<String> badgeId = badge == null ? Optional.empty() : badge.map(String::strip);
            if (badgeId.isPresent()) {
                AccountRules.badge(badgeId.get());
            }
            AccountRules.password(password);
            AccountRules.actor(actor);
            String hash = PasswordHash.create(password, iterations).encode();
            Operator operator = new Operator(username, display, role);
            creating.lock();
            try {
                return Transactions.inTransaction(db, tx -> {
                    if (RECORDS.nameOrBadgeTaken(tx, username)) {
                        throw new AccountException(Reason.EXISTS, "the user name " + username + " is already taken");
                    }
                    if (badgeId.isPresent() && RECORDS.nameOrBadgeTaken(tx, badgeId.get())) {
                        throw new AccountException(Reason.EXISTS, "that badge is already someone else's badge or user name");
                    }
                    RECORDS.insert(tx, new AccountRow(username, display, role, hash, badgeId.orElse(null), 0, null, clock.instant(), null));
                    event(tx, actor, "account.created", username, JsonText.of("role", role.label(), "displayName", display, "badge", badgeId.isPresent()));
                    return operator;
                });
            } finally {
                creating.unlock();
            }
        } finally {
            wipe(password);
        }
    }

    /** Every account, disabled ones included, by user name. */
    public List<Operator> list() throws StoreException {
        return Transactions.inTransaction(db, tx -> RECORDS.list(tx).stream().map(AccountRow::operator).toList());
    }

    /** Every account with its badge, disabled and lockout state, by user name. */
    public List<AccountSummary> summaries() throws StoreException {
        Instant now = clock.instant();
        return Transactions.inTransaction(db, tx -> RECORDS.list(tx).stream()
                .map(r -> new AccountSummary(r.operator(), r.badge() != null, r.disabled(), r.lockedUntil() != null && !r.lockedAt(now) ? 0 : r.failedLogins(),
                        r.lockedAt(now) ? Optional.of(r.lockedUntil()) : Optional.empty(), r.createdAt()))
                .toList());
    }

    /** Lifts a lock and clears the count of wrong passwords. */
    public void unlock(String username, String actor) throws AccountException, StoreException {
        AccountRules.actor(actor);
        Transactions.inTransaction(db, tx -> {
            AccountRow row = existing(tx, username);
            RECORDS.setLoginState(tx, row.username(), 0, null);
            event(tx, actor, "account.unlocked", row.username(), JsonText.of("wasLocked", row.lockedAt(clock.instant()), "failedTries", row.failedLogins()));
            return null;
        });
    }

    /** Sets a new password; also lifts a lock, since a new password is what a locked-out user usually needs. */
    public void changePassword(String username, char[] newPassword, String actor) throws AccountException, StoreException {
        try {
            AccountRules.actor(actor);
            AccountRules.password(newPassword);
            String hash = PasswordHash.create(newPassword, iterations).encode();
            Transactions.inTransaction(db, tx -> {
                AccountRow row = existing(tx, username);
                RECORDS.setPasswordHash(tx, row.username(), hash);
                RECORDS.setLoginState(tx, row.username(), 0, null);
                event(tx, actor, "account.password-changed", row.username(), "{}");
                return null;
            });
        } finally {
            wipe(newPassword);
        }
    }

    /**
     * Disables an account for good: it can no longer log in, but stays in the list and in the audit
     * trail. Disabling a disabled account changes nothing. The last enabled admin cannot be disabled.
     */
    public void disable(String username, String actor) throws AccountException, StoreException {
        AccountRules.actor(actor);
        Transactions.inTransaction(db, tx -> {
            AccountRow row = existing(tx, username);
            if (row.disabled()) {
                return null;
            }
            if (row.role() == Role.ADMIN && RECORDS.list(tx).stream().filter(r -> r.role() == Role.ADMIN && !r.disabled()).count() == 1) {
                throw new AccountException(Reason.NOT_ALLOWED, row.username() + " is the last admin; create another admin before disabling this one");
            }
            RECORDS.disable(tx, row.username(), clock.instant());
            event(tx, actor, "account.disabled", row.username(), JsonText.of("role", row.role().label()));
            return null;
        });
    }

    /** True before the first account exists: the station must then have an admin created first. */
    public boolean isEmpty() throws StoreException {
        return Transactions.inTransaction(db, tx -> RECORDS.count(tx) == 0);
    }

    /** Refuses with {@link Reason#NOT_ALLOWED} and a message naming who may, unless {@code who} may do {@code p}. */
    public void require(Operator who, Permission p) throws AccountException {
        if (who == null || !who.may(p)) {
            throw new AccountException(Reason.NOT_ALLOWED, (who == null ? "Nobody logged in" : who.displayName() + " (" + who.role().label() + ")")
                    + " may not " + p.description() + ": that needs " + allowed(p));
        }
    }

    private static String allowed(Permission p) {
        List<String> roles = Arrays.stream(Role.values()).filter(r -> r.may(p)).map(r -> (r == Role.OPERATOR || r == Role.ADMIN ? "an " : "a ") + r.label()).toList();
        return String.join(" or ", roles);
    }

    private static AccountRow existing(Connection tx, String username) throws AccountException, StoreException {
        Optional<AccountRow> row = AccountRules.isUsername(username) ? RECORDS.byName(tx, username) : Optional.empty();
        return row.orElseThrow(() -> new AccountException(Reason.NOT_FOUND, "there is no account " + AccountRules.printable(username, AccountRules.MAX_ACTOR)));
    }

    private void event(Connection tx, String actor, String action, String subject, String details) throws StoreException {
        audit.append(tx, new AuditEvent(actor, action, subject, details));
    }

    private static void wipe(char[] password) {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
    }
}

package io.imprint.station.account;

import io.imprint.station.account.AccountException.Reason;
import io.imprint.station.audit.AuditEvent;
import io.imprint.station.audit.AuditTrail;
import io.imprint.station.store.StoreException;
import io.imprint.station.util.JsonText;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One login attempt inside its transaction: finds the account by name or badge (locking its row, so
 * concurrent attempts count every failure), checks the password, counts failures, locks and audits.
 * A refusal is returned, not thrown, so the transaction still commits the failure count and its event.
 *
 * <p>Thread-safe: immutable; each attempt brings its own transaction.
 */
final class Logins {

    /** The login's result: exactly one of the two is set. */
    record Outcome(Operator operator, AccountException refusal) {
    }

    static final String WRONG_CREDENTIALS = "Wrong user name or password";
    private static final Logger LOG = LoggerFactory.getLogger(Logins.class);
    private static final AccountRecords RECORDS = new AccountRecords();

    private final AuditTrail audit;
    private final Clock clock;
    // Checked against when the name is unknown, so that costs the same PBKDF2 time as a known name and
    // names cannot be probed by timing. Random bytes: no password matches it.
    private final PasswordHash unknownUser;

    Logins(AuditTrail audit, Clock clock, int iterations) {
        this.audit = audit;
        this.clock = clock;
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[PasswordHash.SALT_BYTES];
        byte[] hash = new byte[PasswordHash.HASH_BYTES];
        random.nextBytes(salt);
        random.nextBytes(hash);
        this.unknownUser = new PasswordHash(iterations, salt, hash);
    }

    Outcome attempt(Connection tx, String typed, char[] password) throws StoreException {
        AccountRow row = find(tx, typed).orElse(null);
        boolean viaBadge = row != null && !row.username().equalsIgnoreCase(typed);
        // Always hash, whatever the account's state: a locked, disabled or unknown account costs the same time.
        boolean matches = (row == null ? unknownUser : PasswordHash.parse(row.passwordHash())).matches(password == null ? new char[0] : password);
        Instant now = clock.instant();
        if (row == null) {
            String actor = AccountRules.printable(typed, AccountRules.MAX_ACTOR);
            event(tx, actor.isBlank() ? "(empty)" : actor, "account.login-failed", actor, JsonText.of("reason", "unknown user name or badge"));
            return refused(Reason.WRONG_CREDENTIALS, WRONG_CREDENTIALS, null);
        }
        String user = row.username();
        if (row.lockedAt(now)) {
            event(tx, user, "account.login-failed", user, JsonText.of("reason", "locked", "lockedUntil", row.lockedUntil().toString()));
            return refused(Reason.LOCKED, locked(row.lockedUntil()), row.lockedUntil());
        }
        // A lock that ran out leaves the count at the limit; the next tries start a fresh count.
        int failed = row.lockedUntil() != null ? 0 : row.failedLogins();
        if (!matches) {
            failed++;
            if (failed >= Accounts.MAX_FAILED_TRIES) {
                Instant until = now.plus(Accounts.LOCK_DURATION);
                RECORDS.setLoginState(tx, user, failed, until);
                event(tx, user, "account.locked", user, JsonText.of("failedTries", failed, "lockedUntil", until.toString()));
                LOG.info("account {} locked until {} after {} failed logins", user, until, failed);
                return refused(Reason.LOCKED, locked(until), until);
            }
            RECORDS.setLoginState(tx, user, failed, null);
            event(tx, user, "account.login-failed", user, JsonText.of("reason", "wrong password", "failedTries", failed));
            return refused(Reason.WRONG_CREDENTIALS, WRONG_CREDENTIALS, null);
        }
        if (row.disabled()) {
            event(tx, user, "account.login-failed", user, JsonText.of("reason", "disabled"));
            return refused(Reason.DISABLED, "The account " + user + " is disabled; ask an admin", null);
        }
        RECORDS.setLoginState(tx, user, 0, null);
        event(tx, user, "account.login", user, JsonText.of("via", viaBadge ? "badge" : "user name"));
        return new Outcome(row.operator(), null);
    }

    /** The account whose name (in any case) or else badge is {@code typed}. */
    private static Optional<AccountRow> find(Connection tx, String typed) throws StoreException {
        if (typed.isEmpty() || typed.length() > AccountRules.MAX_ACTOR) {
            return Optional.empty();
        }
        Optional<AccountRow> byName = AccountRules.isUsername(typed) ? RECORDS.byName(tx, typed) : Optional.empty();
        return byName.isPresent() ? byName : RECORDS.byBadge(tx, typed);
    }

    private String locked(Instant until) {
        String time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(clock.getZone()).format(until);
        return "This account is locked until " + time + " after " + Accounts.MAX_FAILED_TRIES
                + " wrong passwords; a supervisor can unlock it sooner";
    }

    private static Outcome refused(Reason reason, String message, Instant lockedUntil) {
        return new Outcome(null, new AccountException(reason, message, lockedUntil));
    }

    private void event(Connection tx, String actor, String action, String subject, String details) throws StoreException {
        audit.append(tx, new AuditEvent(actor, action, subject, details));
    }
}

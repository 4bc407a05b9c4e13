package io.imprint.station.run;

import io.imprint.station.StationException;
import io.imprint.ca.CaException;
import io.imprint.station.account.AccountException;
import io.imprint.station.account.Accounts;
import io.imprint.station.account.Operator;
import io.imprint.station.account.Permission;
import io.imprint.station.account.Role;
import io.imprint.station.audit.AuditEvent;
import io.imprint.station.store.StoreException;
import io.imprint.station.store.Transactions;
import io.imprint.station.util.JsonText;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A supervisor unlocks the station: the HSM PIN logs the token in, then the supervisor's own account
 * is checked, and the station stays open only if they may unlock it. The PIN goes straight to the
 * token and is wiped; it is never stored, logged or put in a message. On a new station (no accounts
 * yet) the first unlock makes its admin account.
 *
 * <p>Thread-safe: holds no mutable state. Slow (HSM login, PBKDF2): never call it on the FX thread.
 */
public final class StationUnlock {

    /** The HSM refused the PIN; shown as it is, never retried (a token locks after a few wrong PINs). */
    public static final class WrongPinException extends StationException {
        public WrongPinException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Path dataDir;
    private final Optional<String> keyUri;
    private final String stationId;
    private final Consumer<String> warnings;

    public StationUnlock(Path dataDir, Optional<String> keyUri, String stationId, Consumer<String> warnings) {
        this.dataDir = dataDir;
        this.keyUri = keyUri;
        this.stationId = stationId;
        this.warnings = warnings;
    }

    /** Wipes {@code password} and {@code pin} before returning, whatever happens. */
    public Unlocked unlock(String user, char[] password, char[] pin)
            throws WrongPinException, CaException, StoreException, AccountException {
        try {
            StationSetup setup;
            try {
                setup = StationSetup.open(dataDir, keyUri, stationId, pin.clone(), warnings);
            } catch (CaException e) {
                throw refusedPin(e);
            }
            try {
                Accounts accounts = setup.accounts();
                if (accounts.isEmpty()) {
                    accounts.create(user.strip(), user.strip(), Role.ADMIN, password.clone(), Optional.empty(), "first-unlock");
                }
                Operator who = accounts.authenticate(user, password.clone());
                accounts.require(who, Permission.UNLOCK_HSM);
                recordUnlock(setup, who, "station.unlocked");
                return new Unlocked(setup, accounts, who);
            } catch (AccountException | StoreException | RuntimeException e) {
                // Whoever may not unlock it leaves the HSM logged out again.
                setup.close();
                throw e;
            }
        } finally {
            Arrays.fill(password, '\0');
            Arrays.fill(pin, '\0');
        }
    }

    /**
     * Unlocks the HSM again mid-shift, after it was lost (pulled and put back, power-cycled): the
     * supervisor's account is checked first, as for the first unlock, so a PIN is never sent to the
     * token for someone who may not unlock it. Recorded as {@code station.unlocked-again} by them.
     * Wipes {@code password} and {@code pin} before returning, whatever happens.
     *
     * @return who unlocked it
     */
    public static Operator again(Unlocked station, String user, char[] password, char[] pin)
            throws WrongPinException, CaException, StoreException, AccountException {
        try {
            Operator who = station.accounts().authenticate(user, password.clone());
            station.accounts().require(who, Permission.UNLOCK_HSM);
            StationSetup setup = station.setup();
            try {
                setup.relogin(pin.clone());
            } catch (CaException e) {
                throw refusedPin(e);
            }
            recordUnlock(setup, who, "station.unlocked-again");
            return who;
        } finally {
            Arrays.fill(password, '\0');
            Arrays.fill(pin, '\0');
        }
    }

    /** The audit event of an unlock: by whom, of which key. */
    private static void recordUnlock(StationSetup setup, Operator who, String action) throws StoreException {
        Transactions.inTransaction(setup.station().db(), tx -> setup.station().audit().append(tx,
                new AuditEvent(who.username(), action, setup.station().stationId(), JsonText.of("key", setup.keyUri().toString()))));
    }

    /** Throws a PIN refusal as such (never retried); returns any other failure, to be thrown as it is. */
    private static CaException refusedPin(CaException e) throws WrongPinException {
        String message = String.valueOf(e.getMessage());
        if (message.contains("CKR_PIN_INCORRECT") || message.contains("wrong PIN")) {
            throw new WrongPinException("Wrong PIN — the HSM refused it. Not retried: the HSM locks after a few wrong PINs.", e);
        }
        if (message.contains("CKR_PIN_LOCKED")) {
            throw new WrongPinException("The HSM's PIN is locked after too many wrong PINs: the security officer must reset it.", e);
        }
        return e;
    }
}

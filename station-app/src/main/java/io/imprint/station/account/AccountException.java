package io.imprint.station.account;

import io.imprint.station.StationException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An account operation was refused: wrong credentials, a locked or disabled account, an invalid or
 * duplicate name, a missing permission. The message is one line a factory operator can act on; it
 * never contains a password.
 *
 * <p>Immutable and thread-safe.
 */
public final class AccountException extends StationException {

    /** Why it was refused, for a UI that reacts differently (e.g. shows the lock time). */
    public enum Reason { WRONG_CREDENTIALS, LOCKED, DISABLED, INVALID, EXISTS, NOT_FOUND, NOT_ALLOWED }

    private final Reason reason;
    private final Instant lockedUntil;

    AccountException(Reason reason, String message) {
        this(reason, message, null);
    }

    AccountException(Reason reason, String message, Instant lockedUntil) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.lockedUntil = lockedUntil;
    }

    public Reason reason() {
        return reason;
    }

    /** When a {@link Reason#LOCKED} account opens again by itself; empty for the other reasons. */
    public Optional<Instant> lockedUntil() {
        return Optional.ofNullable(lockedUntil);
    }
}

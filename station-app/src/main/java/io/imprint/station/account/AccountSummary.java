package io.imprint.station.account;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An account as an admin's list shows it: who, whether a badge is set (never the badge id itself, which
 * is as good as a user name to whoever reads it off the screen), whether it is disabled, and the state
 * of its lockout at the time of listing.
 *
 * <p>Immutable and thread-safe.
 */
public record AccountSummary(Operator operator, boolean hasBadge, boolean disabled, int failedLogins,
                             Optional<Instant> lockedUntil, Instant createdAt) {

    public AccountSummary {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(lockedUntil, "lockedUntil");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Locked now: {@link #lockedUntil} is only present while the lock lasts. */
    public boolean locked() {
        return lockedUntil.isPresent();
    }
}

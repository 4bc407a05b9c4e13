package io.imprint.station.account;

import java.time.Instant;

/**
 * One row of the {@code operators} table. {@code badge}, {@code lockedUntil} and {@code disabledAt}
 * are null when absent. Never leaves the package: it holds the password hash.
 *
 * <p>Immutable and thread-safe.
 */
record AccountRow(String username, String displayName, Role role, String passwordHash, String badge, int failedLogins,
                  Instant lockedUntil, Instant createdAt, Instant disabledAt) {

    Operator operator() {
        return new Operator(username, displayName, role);
    }

    boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    boolean disabled() {
        return disabledAt != null;
    }

    @Override
    public String toString() {
        return "AccountRow[" + username + ", " + role + "]";
    }
}

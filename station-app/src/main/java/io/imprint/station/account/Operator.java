package io.imprint.station.account;

import java.util.Objects;

/**
 * A station user who logged in, or one of the accounts listed: the name the audit trail records, the
 * name shown on screen and the role that decides what the user may do.
 *
 * <p>Immutable and thread-safe.
 */
public record Operator(String username, String displayName, Role role) {

    public Operator {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(role, "role");
    }

    public boolean may(Permission p) {
        return role.may(p);
    }
}

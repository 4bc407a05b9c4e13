package io.imprint.station.account;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A station user's role: the operator runs an open batch; the QA supervisor unlocks the HSM, manages
 * batches and authorises re-provisioning; the admin may do everything, including binding slots, editing
 * profiles and settings and managing accounts.
 *
 * <p>Immutable and thread-safe.
 */
public enum Role {
    OPERATOR(EnumSet.of(Permission.RUN_BATCH)),
    SUPERVISOR(EnumSet.of(Permission.RUN_BATCH, Permission.UNLOCK_HSM, Permission.MANAGE_BATCHES,
            Permission.AUTHORISE_REPROVISIONING, Permission.VIEW_REPORTS)),
    ADMIN(EnumSet.allOf(Permission.class));

    private final Set<Permission> permissions;

    Role(EnumSet<Permission> permissions) {
        this.permissions = Set.copyOf(permissions);
    }

    public boolean may(Permission p) {
        return permissions.contains(p);
    }

    /** The permissions of this role, in declaration order. */
    public Set<Permission> permissions() {
        return EnumSet.copyOf(permissions);
    }

    /** The role's name as people read and type it: operator, supervisor, admin. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code text} in any case, e.g. from the command line. */
    public static Role parse(String text) throws AccountException {
        for (Role r : values()) {
            if (r.name().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return r;
            }
        }
        throw new AccountException(AccountException.Reason.INVALID, "role '" + text + "' is not one of "
                + String.join(", ", Arrays.stream(values()).map(Role::label).toList()));
    }
}

package io.imprint.station.account;

/**
 * What a station user may do. Which {@link Role} has which is decided in {@link Role} alone.
 *
 * <p>Immutable and thread-safe.
 */
public enum Permission {
    RUN_BATCH("run a batch"),
    UNLOCK_HSM("unlock the HSM"),
    MANAGE_BATCHES("create, open, pause or close batches"),
    AUTHORISE_REPROVISIONING("authorise re-provisioning a board"),
    EDIT_SETTINGS("bind slots or edit profiles and settings"),
    MANAGE_ACCOUNTS("manage user accounts"),
    VIEW_REPORTS("view reports");

    private final String description;

    Permission(String description) {
        this.description = description;
    }

    /** What the permission allows, as it reads after "may not …" in a message to the operator. */
    public String description() {
        return description;
    }
}

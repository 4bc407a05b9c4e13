package io.imprint.station.claim;

import io.imprint.station.StationException;

/**
 * A claim credential could not be made, imported or handed to a board. {@link #reason()} says which;
 * the message is one line for a supervisor and never carries key material.
 *
 * <p>Immutable and thread-safe.
 */
public final class ClaimException extends StationException {

    /** What went wrong. */
    public enum Reason {
        /** The batch does not exist or its strategy is not CLAIM. */
        NOT_A_CLAIM_BATCH,
        /** As many boards as the batch's quantity have received the claim. */
        BATCH_COMPLETE,
        /** The batch has no claim credential (nothing issued or imported yet). */
        NO_CREDENTIAL,
        /** The batch already has a claim credential; it is never replaced. */
        ALREADY_SET,
        /** An imported certificate or key is unreadable, or the two do not belong together. */
        BAD_IMPORT,
        /** The CA refused or failed to issue the claim certificate. */
        ISSUANCE,
        /** The token could not seal, or the sealed key did not unseal (changed, or moved from another batch). */
        SEALING
    }

    private final Reason reason;

    public ClaimException(Reason reason, String message) {
        this(reason, message, null);
    }

    public ClaimException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

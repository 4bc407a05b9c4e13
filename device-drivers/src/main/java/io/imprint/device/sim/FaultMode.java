package io.imprint.device.sim;

/**
 * How a virtual board misbehaves, for tests and demos of the station's error handling. Each fault
 * starts after IDENTIFY, so the station knows which board failed.
 */
public enum FaultMode {
    /** Behaves. */
    NONE,
    /** Loses a byte in the middle of every reply. */
    DROP_BYTES,
    /** Sends every reply with a wrong CRC. */
    CORRUPT_CRC,
    /** Stops answering. */
    STALL,
    /** Disappears half-way through writing its reply to the first credential chunk. */
    UNPLUG_MID_WRITE,
    /** Makes its CSR for another subject than the one asked for. */
    WRONG_SUBJECT_CSR,
    /** Makes a CSR whose signature does not verify. */
    BAD_SIGNATURE_CSR,
    /** Refuses to commit credentials to storage. */
    REFUSE_COMMIT;

    public static FaultMode parse(String text) {
        return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
}

package io.imprint.station.batch;

/** How a batch's boards get their identity (DEVELOPERS.md, "Three provisioning strategies"). */
public enum Strategy {
    /** The board makes its key and sends a CSR; the key never leaves it. */
    KEY_ON_BOARD,
    /** The station makes the key, injects it, wipes it; for boards that cannot make keys. */
    KEY_INJECTED,
    /** The batch's shared claim certificate and key, exchanged in the field for a durable identity. */
    CLAIM,
    /** A five-minute certificate from the bootstrap profile, swapped in the field by a trusted user. */
    BOOTSTRAP;

    public static Strategy parse(String text) {
        return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
}

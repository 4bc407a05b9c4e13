package io.imprint.device.family;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of board a slot can hold, each with its own wire. The label is what the tile and the log show.
 *
 * <p>Immutable and thread-safe.
 */
public enum BoardFamily {
    /** Imprint's own framed protocol (device-drivers/PROTOCOL.md). */
    IMPRINT("Imprint"),
    /** A Nordic nRF91 modem driven by AT commands (%KEYGEN, %CMNG). */
    NRF91("nRF91"),
    /** A Zephyr board with MCUmgr SMP over its serial console (file system group). */
    SMP("Zephyr SMP");

    private final String label;

    BoardFamily(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The family named by a setting: imprint, nrf91 or smp, any case. */
    public static Optional<BoardFamily> named(String name) {
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

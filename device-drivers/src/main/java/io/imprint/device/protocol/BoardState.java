package io.imprint.device.protocol;

import java.util.Optional;

/**
 * The board's provisioning state as STATUS reports it. Transitions are specified per message in
 * PROTOCOL.md ("State machine").
 *
 * <p>Immutable and thread-safe.
 */
public enum BoardState {
    /** No device key (fresh, reset, or a key upload still incomplete). */
    BLANK(0),
    /** A device key exists (generated or injected); no credential received yet. */
    KEY_READY(1),
    /** Credentials are being received or held in staging, not yet persisted. */
    STAGED(2),
    /** Key and credentials are persisted; the interface is still open. */
    COMMITTED(3),
    /** Provisioning interface closed for good: only HELLO, IDENTIFY and STATUS are answered. */
    LOCKED(4);

    private final int code;

    BoardState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<BoardState> ofCode(int code) {
        for (BoardState s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}

package io.imprint.device.transport;

import io.imprint.device.DeviceException;

/**
 * A transport failed. Says which port, what kind of failure, and the native error code where the OS
 * or library gave one (0 where none).
 *
 * <p>Immutable and thread-safe.
 */
public final class TransportException extends DeviceException {

    /** What went wrong, in the terms the session and the operator screen act on. */
    public enum Kind {
        /** No such port (never existed, or gone before open). */
        NOT_FOUND,
        /** Another process holds it, or permission is denied. */
        BUSY,
        /** The board went away: unplugged, reset, cable pulled. */
        DISCONNECTED,
        /** A read or write failed for another reason. */
        IO,
        /** Used after close, or before open. */
        CLOSED
    }

    private final String port;
    private final Kind kind;
    private final int nativeErrorCode;

    public TransportException(String port, Kind kind, int nativeErrorCode, String what) {
        super(port + ": " + what + (nativeErrorCode != 0 ? " (native error " + nativeErrorCode + ")" : ""));
        this.port = port;
        this.kind = kind;
        this.nativeErrorCode = nativeErrorCode;
    }

    public TransportException(String port, Kind kind, int nativeErrorCode, String what, Throwable cause) {
        super(port + ": " + what + (nativeErrorCode != 0 ? " (native error " + nativeErrorCode + ")" : ""), cause);
        this.port = port;
        this.kind = kind;
        this.nativeErrorCode = nativeErrorCode;
    }

    public String port() {
        return port;
    }

    public Kind kind() {
        return kind;
    }

    public int nativeErrorCode() {
        return nativeErrorCode;
    }
}

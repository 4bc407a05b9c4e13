package io.imprint.device.protocol;

/**
 * Why a board refused or failed a request: the code of an ERROR reply, and the last error STATUS
 * reports. {@link #NONE} (0x00) appears only in STATUS, never in an ERROR reply.
 *
 * <p>Immutable and thread-safe.
 */
public enum ErrorCode {
    NONE(0x00, "no error"),
    MALFORMED(0x01, "request was malformed: a field is out of range or the payload has the wrong length"),
    UNKNOWN_TYPE(0x02, "board does not know this request type"),
    BAD_STATE(0x03, "request is not allowed in the board's current provisioning state"),
    UNSUPPORTED(0x04, "board does not support this: protocol version, key type, credential kind or capability"),
    KEYGEN_FAILED(0x05, "board failed to generate its key"),
    STORAGE_FULL(0x06, "board has no room for this item"),
    STORAGE_FAILED(0x07, "board failed to write its storage"),
    LOCKED(0x08, "board is locked: provisioning interface closed"),
    BAD_OFFSET(0x09, "chunk offset is not the one the board expects next"),
    BUSY(0x0A, "board is still working on an earlier request"),
    BAD_KEY(0x0B, "key or credential was rejected by the board: unparsable or does not match its key"),
    INTERNAL(0x7F, "board reported an internal error");

    private final int code;
    private final String description;

    ErrorCode(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int code() {
        return code;
    }

    /** One line for the operator's screen. */
    public String description() {
        return description;
    }

    /** The error with this code; an unknown code (a newer board's) is {@link #INTERNAL}. */
    public static ErrorCode of(int code) {
        for (ErrorCode e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        return INTERNAL;
    }
}

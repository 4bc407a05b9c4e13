package io.imprint.device.protocol;

import io.imprint.device.DeviceException;

/**
 * A payload or frame that does not follow PROTOCOL.md. The message names the message and the field,
 * e.g. {@code "GENERATE_KEY subjectCn: 65 bytes, must be 1..64"}. {@link #errorCode()} is what a
 * board answers to such a request: {@link ErrorCode#UNKNOWN_TYPE} for an unknown request type, else
 * {@link ErrorCode#MALFORMED}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ProtocolException extends DeviceException {

    private final ErrorCode errorCode;

    public ProtocolException(String message) {
        this(ErrorCode.MALFORMED, message);
    }

    public ProtocolException(ErrorCode errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
        this.errorCode = ErrorCode.MALFORMED;
    }

    /** The code a board puts in its ERROR reply to the offending request. */
    public ErrorCode errorCode() {
        return errorCode;
    }
}

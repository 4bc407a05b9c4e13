package io.imprint.device.protocol;

import java.util.Optional;

/**
 * The request types of protocol v1. A reply to request {@code T} has frame type {@code T | 0x80}, or
 * {@link #ERROR_REPLY} when the board refuses or fails it.
 *
 * <p>Immutable and thread-safe.
 */
public enum MessageType {
    HELLO(0x01),
    IDENTIFY(0x02),
    GENERATE_KEY(0x03),
    GET_CSR(0x04),
    PUT_KEY(0x05),
    PUT_CREDENTIAL(0x06),
    VERIFY(0x07),
    COMMIT(0x08),
    LOCK(0x09),
    STATUS(0x0A),
    RESET(0x0B);

    /** Frame type of an ERROR reply, to any request. Also {@link FrameCodec#ERROR_REPLY}. */
    public static final int ERROR_REPLY = 0xFF;

    /** Set in the type of every reply frame. */
    public static final int REPLY_BIT = 0x80;

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The frame type of a successful reply to this request. */
    public int replyCode() {
        return code | REPLY_BIT;
    }

    /** The request type with this code; empty for reply codes and unknown codes. */
    public static Optional<MessageType> ofCode(int code) {
        for (MessageType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The request that a successful reply of this frame type answers; empty for ERROR and unknown types. */
    public static Optional<MessageType> ofReplyCode(int frameType) {
        return (frameType & REPLY_BIT) != 0 && frameType != ERROR_REPLY
                ? ofCode(frameType & ~REPLY_BIT)
                : Optional.empty();
    }
}

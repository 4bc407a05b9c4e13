package io.imprint.device.protocol;

/**
 * What {@link FrameDecoder#poll()} found in the bytes fed so far.
 *
 * <p>All variants are immutable and thread-safe.
 */
public sealed interface DecodeResult {

    /** Nothing is buffered: feed more bytes. */
    record Idle() implements DecodeResult {
    }

    /** A partial frame (from its sync pair on) of {@code bufferedBytes} bytes is waiting for the rest. */
    record Accumulating(int bufferedBytes) implements DecodeResult {
    }

    /** A complete frame whose header and CRC checked out. */
    record Decoded(Frame frame) implements DecodeResult {
    }

    /**
     * A sync pair led to something that is not a valid frame (bad version, flags, length or CRC). The
     * decoder dropped {@code discardedBytes} (the first sync byte) and rescans the rest.
     */
    record Error(String reason, int discardedBytes) implements DecodeResult {
    }
}

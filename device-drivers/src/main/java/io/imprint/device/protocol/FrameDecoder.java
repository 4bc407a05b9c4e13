package io.imprint.device.protocol;

import static io.imprint.device.protocol.FrameCodec.CRC_LENGTH;
import static io.imprint.device.protocol.FrameCodec.HEADER_LENGTH;
import static io.imprint.device.protocol.FrameCodec.MAX_FRAME;
import static io.imprint.device.protocol.FrameCodec.MAX_PAYLOAD;

import java.util.Arrays;
import java.util.Objects;

/**
 * Finds frames in a byte stream that may carry noise, split frames and corrupt frames.
 *
 * <p>Feed bytes as they arrive, then {@link #poll()} until it answers {@link DecodeResult.Idle} or
 * {@link DecodeResult.Accumulating}. Bytes that cannot start a frame are dropped and counted. After
 * a sync pair, a bad version, nonzero flags, a length over {@link FrameCodec#MAX_PAYLOAD} or a CRC
 * mismatch each give one {@link DecodeResult.Error}; the decoder then drops only the first sync byte
 * and rescans, so a real frame that starts inside a false one is still found.
 *
 * <p>Memory: once drained, at most {@code MAX_FRAME - 1} bytes stay buffered, so the buffer never
 * exceeds {@code MAX_FRAME} plus the length of the current {@link #feed} call.
 *
 * <p>Not thread-safe: one reader thread owns it.
 */
public final class FrameDecoder {

    private static final DecodeResult IDLE = new DecodeResult.Idle();
    private static final byte SYNC_1 = (byte) FrameCodec.SYNC_1;
    private static final byte SYNC_2 = (byte) FrameCodec.SYNC_2;

    private byte[] buffer = new byte[MAX_FRAME];
    private int start;
    private int end;
    private long droppedBytes;
    private long crcErrors;

    /** Appends {@code length} bytes of {@code data} from {@code offset}; copies them. */
    public void feed(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        int buffered = end - start;
        if (buffered + length > buffer.length) {
            // Exactly what is needed: a big feed costs one array that poll() gives back once drained.
            buffer = Arrays.copyOfRange(buffer, start, start + buffered + length);
            start = 0;
            end = buffered;
        } else if (end + length > buffer.length) {
            System.arraycopy(buffer, start, buffer, 0, buffered);
            start = 0;
            end = buffered;
        }
        System.arraycopy(data, offset, buffer, end, length);
        end += length;
    }

    /** The next complete frame or framing error, else Idle or Accumulating. Never throws. */
    public DecodeResult poll() {
        skipNoise();
        int n = end - start;
        if (n == 0) {
            start = 0;
            end = 0;
            shrink();
            return IDLE;
        }
        // Each header field is checked as soon as it has arrived, so a false sync pair is given up early.
        if (n > 2 && (buffer[start + 2] & 0xFF) != FrameCodec.VERSION) {
            return error(String.format("unsupported frame version 0x%02X", buffer[start + 2] & 0xFF));
        }
        if (n > 5 && buffer[start + 5] != 0) {
            return error(String.format("nonzero frame flags 0x%02X", buffer[start + 5] & 0xFF));
        }
        if (n < HEADER_LENGTH) {
            return accumulating(n);
        }
        int length = u16(start + 6);
        if (length > MAX_PAYLOAD) {
            return error("frame length " + length + " exceeds " + MAX_PAYLOAD);
        }
        int total = HEADER_LENGTH + length + CRC_LENGTH;
        if (n < total) {
            return accumulating(n);
        }
        int expected = Crc16.ccittFalse(buffer, start + 2, HEADER_LENGTH - 2 + length);
        int actual = u16(start + HEADER_LENGTH + length);
        if (expected != actual) {
            crcErrors++;
            return error(String.format("CRC mismatch: frame says 0x%04X, bytes give 0x%04X", actual, expected));
        }
        Frame frame = new Frame(buffer[start + 3] & 0xFF, buffer[start + 4] & 0xFF,
                Arrays.copyOfRange(buffer, start + HEADER_LENGTH, start + HEADER_LENGTH + length));
        start += total;
        return new DecodeResult.Decoded(frame);
    }

    /** Drops everything buffered (counted as dropped), e.g. when the host gives up on a reply. */
    public void reset() {
        droppedBytes += end - start;
        start = 0;
        end = 0;
        shrink();
    }

    /** Bytes buffered and not yet consumed by {@link #poll()}. */
    public int bufferedBytes() {
        return end - start;
    }

    /** Noise bytes dropped because they could not start a frame (not those reported by an Error). */
    public long droppedBytes() {
        return droppedBytes;
    }

    /** Frames whose header was sound but whose CRC did not match. */
    public long crcErrors() {
        return crcErrors;
    }

    // Stops at a sync pair, or at a lone SYNC_1 at the end, which may be the first half of one.
    private void skipNoise() {
        while (start < end) {
            if (buffer[start] == SYNC_1 && (start + 1 == end || buffer[start + 1] == SYNC_2)) {
                return;
            }
            start++;
            droppedBytes++;
        }
    }

    private DecodeResult error(String reason) {
        start++;
        return new DecodeResult.Error(reason, 1);
    }

    private DecodeResult accumulating(int n) {
        shrink();
        return new DecodeResult.Accumulating(n);
    }

    private void shrink() {
        if (buffer.length > MAX_FRAME && end - start < MAX_FRAME) {
            byte[] small = new byte[MAX_FRAME];
            System.arraycopy(buffer, start, small, 0, end - start);
            end -= start;
            start = 0;
            buffer = small;
        }
    }

    private int u16(int at) {
        return (buffer[at] & 0xFF) << 8 | buffer[at + 1] & 0xFF;
    }
}

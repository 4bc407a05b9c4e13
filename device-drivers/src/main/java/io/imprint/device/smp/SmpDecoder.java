package io.imprint.device.smp;

import io.imprint.device.smp.SmpDecodeResult.Kind;
import java.util.Arrays;
import java.util.Base64;

/**
 * Reads SMP packets back out of a serial console's bytes, fed as they arrive in pieces of any size. A
 * Zephyr console prints log lines too: anything outside a marked line is skipped, also between the lines
 * of one packet. A line that is not clean base64, or a packet whose length or CRC is wrong, is reported
 * once as an {@link SmpDecodeResult.Error} and dropped; the decoder then waits for the next start marker.
 *
 * <p>Not thread-safe: one reader feeds and polls.
 */
public final class SmpDecoder {

    private enum LineState { OUTSIDE, FIRST_START_BYTE, FIRST_CONTINUATION_BYTE, IN_START_LINE, IN_CONTINUATION_LINE }

    private final int maxPacket;
    private byte[] input = new byte[256];
    private int inputStart;
    private int inputEnd;
    private LineState state = LineState.OUTSIDE;
    private final byte[] line = new byte[SmpFrames.MAX_LINE];
    private int lineLength;
    private byte[] packet;
    private int packetLength;
    private int packetExpected;
    /** A packet that completed on the line that also reported the packet before it cut short. */
    private SmpDecodeResult pending;
    private long errors;
    private long skippedBytes;

    /** A decoder for packets up to the largest the length field allows. */
    public SmpDecoder() {
        this(SmpFrames.MAX_PACKET);
    }

    /** A decoder that rejects, as a length error, a packet announcing more than {@code maxPacket} bytes. */
    public SmpDecoder(int maxPacket) {
        this.maxPacket = maxPacket;
    }

    public void feed(byte[] data, int offset, int length) {
        if (inputStart == inputEnd) {
            inputStart = inputEnd = 0;
        }
        if (inputEnd + length > input.length) {
            int pending = inputEnd - inputStart;
            byte[] grown = new byte[Math.max(input.length, (pending + length) * 2)];
            System.arraycopy(input, inputStart, grown, 0, pending);
            Arrays.fill(input, (byte) 0);
            input = grown;
            inputStart = 0;
            inputEnd = pending;
        }
        System.arraycopy(data, offset, input, inputEnd, length);
        inputEnd += length;
    }

    public void feed(byte[] data) {
        feed(data, 0, data.length);
    }

    /** Consumes fed bytes up to the next packet or error; once they run out, says whether a packet is under way. */
    public SmpDecodeResult poll() {
        if (pending != null) {
            SmpDecodeResult result = pending;
            pending = null;
            return result;
        }
        while (inputStart < inputEnd) {
            byte b = input[inputStart];
            input[inputStart++] = 0;
            SmpDecodeResult result = step(b);
            if (result != null) {
                return result;
            }
        }
        return packet != null || state == LineState.IN_START_LINE
                ? new SmpDecodeResult.Accumulating(packet != null ? packetLength : 0)
                : new SmpDecodeResult.Idle();
    }

    /** Lines and packets rejected so far. */
    public long errors() {
        return errors;
    }

    /** Bytes outside any marked line (console text, line noise) skipped so far. */
    public long skippedBytes() {
        return skippedBytes;
    }

    private SmpDecodeResult step(byte b) {
        switch (state) {
            case OUTSIDE -> outside(b);
            case FIRST_START_BYTE, FIRST_CONTINUATION_BYTE -> {
                byte[] marker = state == LineState.FIRST_START_BYTE ? SmpFrames.START : SmpFrames.CONTINUATION;
                if (b == marker[1]) {
                    state = state == LineState.FIRST_START_BYTE ? LineState.IN_START_LINE : LineState.IN_CONTINUATION_LINE;
                    lineLength = 0;
                } else {
                    skippedBytes++;
                    state = LineState.OUTSIDE;
                    outside(b);
                }
            }
            case IN_START_LINE, IN_CONTINUATION_LINE -> {
                return inLine(b);
            }
        }
        return null;
    }

    private void outside(byte b) {
        if (b == SmpFrames.START[0]) {
            state = LineState.FIRST_START_BYTE;
        } else if (b == SmpFrames.CONTINUATION[0]) {
            state = LineState.FIRST_CONTINUATION_BYTE;
        } else {
            skippedBytes++;
        }
    }

    private SmpDecodeResult inLine(byte b) {
        boolean start = state == LineState.IN_START_LINE;
        if (b == '\n') {
            state = LineState.OUTSIDE;
            return lineDone(start);
        }
        if (b == '\r') {
            return null;
        }
        if (!isBase64(b)) {
            state = LineState.OUTSIDE;
            dropPacket();
            // The offending byte may be the first of the next marker.
            inputStart--;
            input[inputStart] = b;
            return error(Kind.BASE64, "byte 0x" + Integer.toHexString(b & 0xFF) + " inside an SMP line");
        }
        if (lineLength + 3 >= SmpFrames.MAX_LINE) {
            state = LineState.OUTSIDE;
            dropPacket();
            return error(Kind.LENGTH, "SMP line longer than " + SmpFrames.MAX_LINE + " bytes");
        }
        line[lineLength++] = b;
        return null;
    }

    private SmpDecodeResult lineDone(boolean start) {
        byte[] raw;
        if (lineLength % 4 != 0) {
            // Zephyr pads every line: a line that is not whole quads lost characters on the way.
            Arrays.fill(line, (byte) 0);
            dropPacket();
            return error(Kind.BASE64, "SMP line of " + lineLength + " base64 characters, not a multiple of 4");
        }
        try {
            raw = Base64.getDecoder().decode(Arrays.copyOf(line, lineLength));
        } catch (IllegalArgumentException e) {
            dropPacket();
            return error(Kind.BASE64, "SMP line is not valid base64");
        } finally {
            Arrays.fill(line, (byte) 0);
        }
        try {
            SmpDecodeResult cutShort = null;
            if (start) {
                if (packet != null) {
                    dropPacket();
                    cutShort = error(Kind.SEQUENCE, "an SMP packet was cut short by the start of the next");
                }
                if (raw.length < 2) {
                    return error(Kind.LENGTH, "SMP start line too short for the length field");
                }
                int announced = (raw[0] & 0xFF) << 8 | raw[1] & 0xFF;
                if (announced < SmpHeader.LENGTH + 2 || announced - 2 > maxPacket) {
                    return error(Kind.LENGTH, "SMP packet announces " + announced + " bytes");
                }
                packetExpected = announced + 2;
                packet = new byte[packetExpected];
                packetLength = 0;
            } else if (packet == null) {
                return error(Kind.SEQUENCE, "an SMP continuation line with no packet begun");
            }
            if (packetLength + raw.length > packetExpected) {
                dropPacket();
                return error(Kind.LENGTH, "SMP packet longer than its length field");
            }
            System.arraycopy(raw, 0, packet, packetLength, raw.length);
            packetLength += raw.length;
            if (packetLength == packetExpected) {
                if (cutShort != null) {
                    pending = complete();
                    return cutShort;
                }
                return complete();
            }
            return cutShort;
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private SmpDecodeResult complete() {
        int end = packetExpected - 2;
        int sent = (packet[end] & 0xFF) << 8 | packet[end + 1] & 0xFF;
        int computed = SmpCrc.xmodem(packet, 2, end - 2);
        if (sent != computed) {
            dropPacket();
            return error(Kind.CRC, String.format("SMP packet CRC 0x%04x, computed 0x%04x", sent, computed));
        }
        byte[] smp = Arrays.copyOfRange(packet, 2, end);
        dropPacket();
        SmpDecodeResult.Packet result = new SmpDecodeResult.Packet(smp);
        Arrays.fill(smp, (byte) 0);
        return result;
    }

    private void dropPacket() {
        if (packet != null) {
            Arrays.fill(packet, (byte) 0);
        }
        packet = null;
        packetLength = 0;
        packetExpected = 0;
    }

    private SmpDecodeResult error(Kind kind, String reason) {
        errors++;
        return new SmpDecodeResult.Error(kind, reason);
    }

    private static boolean isBase64(byte b) {
        return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '+' || b == '/' || b == '=';
    }
}

package io.imprint.device.smp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * MCUmgr's serial line framing (Zephyr {@code serial_util.c}): the bytes {@code [len u16 BE][SMP packet]
 * [crc16 BE]}, where len counts the packet and the CRC, are cut into pieces that each become one line
 * {@code [marker][base64]\n} of at most {@value #MAX_LINE} bytes. The first line's marker is
 * {@code 06 09}, every further line's {@code 04 14}; each line's base64 decodes on its own.
 *
 * <p>Stateless and thread-safe. {@link SmpDecoder} reads lines back.
 */
public final class SmpFrames {

    /** {@code MCUMGR_SERIAL_MAX_FRAME}: marker, base64 and newline together. */
    public static final int MAX_LINE = 127;
    public static final byte[] START = {0x06, 0x09};
    public static final byte[] CONTINUATION = {0x04, 0x14};
    /** The raw bytes one line carries: 124 base64 characters fit between marker and newline, 93 bytes. */
    static final int RAW_PER_LINE = (MAX_LINE - 3) / 4 * 3;
    /** The length field and the CRC around each packet. */
    public static final int OVERHEAD = 4;
    /** The largest packet the u16 length field can describe. */
    public static final int MAX_PACKET = 0xFFFF - 2;

    private SmpFrames() {
    }

    /** The lines for one packet, in order, each ending in {@code \n}. */
    public static List<byte[]> encodeLines(byte[] packet) {
        if (packet.length > MAX_PACKET) {
            throw new IllegalArgumentException("SMP packet of " + packet.length + " bytes is over " + MAX_PACKET);
        }
        int crc = SmpCrc.xmodem(packet);
        byte[] body = new byte[2 + packet.length];
        body[0] = (byte) ((packet.length + 2) >>> 8);
        body[1] = (byte) (packet.length + 2);
        System.arraycopy(packet, 0, body, 2, packet.length);
        byte[] crcBytes = {(byte) (crc >>> 8), (byte) crc};
        List<byte[]> pieces = new ArrayList<>();
        for (int at = 0; at < body.length; at += RAW_PER_LINE) {
            pieces.add(Arrays.copyOfRange(body, at, Math.min(body.length, at + RAW_PER_LINE)));
        }
        // Zephyr never splits the CRC across lines: it rides on the last piece or gets a line of its own.
        byte[] last = pieces.getLast();
        if (last.length + 2 <= RAW_PER_LINE) {
            byte[] joined = Arrays.copyOf(last, last.length + 2);
            joined[last.length] = crcBytes[0];
            joined[last.length + 1] = crcBytes[1];
            Arrays.fill(last, (byte) 0);
            pieces.set(pieces.size() - 1, joined);
        } else {
            pieces.add(crcBytes);
        }
        List<byte[]> lines = new ArrayList<>(pieces.size());
        Base64.Encoder base64 = Base64.getEncoder();
        for (int i = 0; i < pieces.size(); i++) {
            byte[] text = base64.encode(pieces.get(i));
            byte[] line = new byte[2 + text.length + 1];
            System.arraycopy(i == 0 ? START : CONTINUATION, 0, line, 0, 2);
            System.arraycopy(text, 0, line, 2, text.length);
            line[line.length - 1] = '\n';
            lines.add(line);
            // The pieces may hold key bytes (an uploaded private key): nothing but the lines survives.
            Arrays.fill(text, (byte) 0);
            Arrays.fill(pieces.get(i), (byte) 0);
        }
        Arrays.fill(body, (byte) 0);
        return lines;
    }

    /** The lines for one packet, back to back, as written to the wire. */
    public static byte[] encode(byte[] packet) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] line : encodeLines(packet)) {
            out.writeBytes(line);
            Arrays.fill(line, (byte) 0);
        }
        return out.toByteArray();
    }
}

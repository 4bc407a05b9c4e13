package io.imprint.device.protocol;

/**
 * Writes frames in the v1 wire format (PROTOCOL.md, "Framing"); {@link FrameDecoder} reads them.
 *
 * <pre>
 * [0xA5][0x5A][version=0x01][type][seq][flags=0x00][length u16 BE][payload][crc u16 BE]
 * </pre>
 *
 * The CRC is {@link Crc16#ccittFalse} over version..payload.
 *
 * <p>Stateless and thread-safe.
 */
public final class FrameCodec {

    public static final int SYNC_1 = 0xA5;
    public static final int SYNC_2 = 0x5A;
    public static final int VERSION = 1;
    public static final int MAX_PAYLOAD = 512;
    /** Sync pair, version, type, seq, flags and length. */
    public static final int HEADER_LENGTH = 8;
    public static final int CRC_LENGTH = 2;
    /** The largest frame: the one receive buffer a board needs. */
    public static final int MAX_FRAME = HEADER_LENGTH + MAX_PAYLOAD + CRC_LENGTH;
    /** The same constant as {@link MessageType#ERROR_REPLY}, for code that thinks in frames. */
    public static final int ERROR_REPLY = MessageType.ERROR_REPLY;

    private FrameCodec() {
    }

    /** The frame's bytes on the wire, {@code HEADER_LENGTH + payload + CRC_LENGTH} long. */
    public static byte[] encode(Frame frame) {
        byte[] payload = frame.payload();
        byte[] out = new byte[frameLength(payload.length)];
        out[0] = (byte) SYNC_1;
        out[1] = (byte) SYNC_2;
        out[2] = (byte) VERSION;
        out[3] = (byte) frame.type();
        out[4] = (byte) frame.seq();
        out[5] = 0;
        out[6] = (byte) (payload.length >>> 8);
        out[7] = (byte) payload.length;
        System.arraycopy(payload, 0, out, HEADER_LENGTH, payload.length);
        int crc = Crc16.ccittFalse(out, 2, HEADER_LENGTH - 2 + payload.length);
        out[out.length - 2] = (byte) (crc >>> 8);
        out[out.length - 1] = (byte) crc;
        return out;
    }

    /** The length on the wire of a frame with a payload of {@code payloadLength} bytes. */
    public static int frameLength(int payloadLength) {
        return HEADER_LENGTH + payloadLength + CRC_LENGTH;
    }
}

package io.imprint.device.smp;

/**
 * The 8-byte big-endian header in front of every SMP body: byte 0 is {@code ver << 3 | op} (top three bits
 * reserved, 0), then flags, the body length (u16), group (u16), sequence number (u8, echoed in the reply)
 * and command id (u8).
 *
 * <p>Immutable and thread-safe.
 *
 * @param version 0 (SMP v1, errors as {@code {"rc"}}) or 1 (SMP v2, group errors as {@code {"err"}})
 */
public record SmpHeader(Op op, int version, int flags, int dataLength, int group, int seq, int commandId) {

    public static final int LENGTH = 8;

    /** The operation in the low three bits of byte 0. */
    public enum Op {
        READ(0), READ_RSP(1), WRITE(2), WRITE_RSP(3);

        private final int code;

        Op(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        /** The response op to this request op. */
        public Op response() {
            return switch (this) {
                case READ, READ_RSP -> READ_RSP;
                case WRITE, WRITE_RSP -> WRITE_RSP;
            };
        }

        public boolean isResponse() {
            return this == READ_RSP || this == WRITE_RSP;
        }

        static Op of(int code) {
            for (Op op : values()) {
                if (op.code == code) {
                    return op;
                }
            }
            throw new IllegalArgumentException("SMP op " + code + " is not one of read, read response, write, write response");
        }
    }

    public SmpHeader {
        check(version, 3, "version");
        check(flags, 0xFF, "flags");
        check(dataLength, 0xFFFF, "data length");
        check(group, 0xFFFF, "group");
        check(seq, 0xFF, "seq");
        check(commandId, 0xFF, "command id");
    }

    public byte[] encode() {
        return new byte[] {
            (byte) (version << 3 | op.code), (byte) flags,
            (byte) (dataLength >>> 8), (byte) dataLength,
            (byte) (group >>> 8), (byte) group,
            (byte) seq, (byte) commandId};
    }

    /** The header at the start of {@code packet}; IllegalArgumentException if it cannot be one. */
    public static SmpHeader decode(byte[] packet) {
        if (packet.length < LENGTH) {
            throw new IllegalArgumentException("SMP packet of " + packet.length + " bytes is shorter than its header");
        }
        int b0 = packet[0] & 0xFF;
        if ((b0 & 0xE0) != 0) {
            throw new IllegalArgumentException("SMP header's reserved bits are set: 0x" + Integer.toHexString(b0));
        }
        return new SmpHeader(Op.of(b0 & 0x07), b0 >>> 3 & 0x03, packet[1] & 0xFF,
                u16(packet, 2), u16(packet, 4), packet[6] & 0xFF, packet[7] & 0xFF);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | b[at + 1] & 0xFF;
    }

    private static void check(int value, int max, String what) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException("SMP header " + what + " " + value + " is outside 0.." + max);
        }
    }
}

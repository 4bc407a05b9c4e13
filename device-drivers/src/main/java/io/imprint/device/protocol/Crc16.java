package io.imprint.device.protocol;

import java.util.Objects;

/**
 * CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no reflection, no final xor. The
 * protocol's frame check; {@code "123456789"} gives {@code 0x29B1}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Crc16 {

    private static final int[] TABLE = table();

    private Crc16() {
    }

    /** The CRC of {@code length} bytes of {@code data} from {@code offset}, as an int 0..0xFFFF. */
    public static int ccittFalse(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ data[i]) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }

    // A byte at a time through a 256-entry table: the bitwise loop in PROTOCOL.md gives the same values.
    private static int[] table() {
        int[] t = new int[256];
        for (int b = 0; b < 256; b++) {
            int crc = b << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            t[b] = crc & 0xFFFF;
        }
        return t;
    }
}

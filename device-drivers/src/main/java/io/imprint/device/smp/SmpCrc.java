package io.imprint.device.smp;

import java.util.Objects;

/**
 * CRC-16/XMODEM, the check MCUmgr's serial transport puts after each SMP packet: polynomial 0x1021,
 * initial value 0, no reflection, no final xor; {@code "123456789"} gives {@code 0x31C3}. (Imprint's own
 * protocol uses CCITT-FALSE, which starts from 0xFFFF: the two are not interchangeable.)
 *
 * <p>Stateless and thread-safe.
 */
public final class SmpCrc {

    private SmpCrc() {
    }

    /** The CRC of {@code length} bytes of {@code data} from {@code offset}, as an int 0..0xFFFF. */
    public static int xmodem(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        int crc = 0;
        for (int i = offset; i < offset + length; i++) {
            crc ^= (data[i] & 0xFF) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            crc &= 0xFFFF;
        }
        return crc;
    }

    public static int xmodem(byte[] data) {
        return xmodem(data, 0, data.length);
    }
}

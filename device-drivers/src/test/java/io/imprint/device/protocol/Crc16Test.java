package io.imprint.device.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Crc16Test {

    @Test
    void checkValueOfTheCatalogue() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);

        assertThat(Crc16.ccittFalse(check, 0, check.length)).isEqualTo(0x29B1);
    }

    @Test
    void emptyInputIsTheInitialValue() {
        assertThat(Crc16.ccittFalse(new byte[0], 0, 0)).isEqualTo(0xFFFF);
    }

    @Test
    void honoursOffsetAndLength() {
        byte[] padded = "xx123456789yy".getBytes(StandardCharsets.US_ASCII);

        assertThat(Crc16.ccittFalse(padded, 2, 9)).isEqualTo(0x29B1);
    }

    @Test
    void tableMatchesTheBitwiseReferenceOfProtocolMd() {
        byte[] data = new byte[256];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 37 + 11);
        }
        for (int n = 0; n <= data.length; n += 17) {
            assertThat(Crc16.ccittFalse(data, 0, n)).as("first %d bytes", n).isEqualTo(bitwise(data, n));
        }
    }

    @Test
    void rejectsRangesOutsideTheArray() {
        assertThatThrownBy(() -> Crc16.ccittFalse(new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    // The C function of PROTOCOL.md, line for line.
    private static int bitwise(byte[] data, int len) {
        int crc = 0xFFFF;
        for (int i = 0; i < len; i++) {
            crc ^= (data[i] & 0xFF) << 8;
            for (int b = 0; b < 8; b++) {
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
            }
        }
        return crc;
    }
}

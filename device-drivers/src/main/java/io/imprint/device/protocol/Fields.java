package io.imprint.device.protocol;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Field checks shared by the message records. Each throws {@link IllegalArgumentException} naming
 * the field; decoders turn that into a {@link ProtocolException}, so a record that exists is always
 * encodable and one check serves both directions.
 *
 * <p>Stateless and thread-safe.
 */
final class Fields {

    private static final int SHOWN_BYTES = 32;

    private Fields() {
    }

    /** Hex of the first 32 bytes, with "..." when there are more: enough for a log line. */
    static String hex(byte[] value) {
        return HexFormat.of().formatHex(value, 0, Math.min(value.length, SHOWN_BYTES))
                + (value.length > SHOWN_BYTES ? "..." : "");
    }

    static int range(int value, int min, int max, String field) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + ": " + value + ", must be " + min + ".." + max);
        }
        return value;
    }

    static byte[] bytes(byte[] value, int min, int max, String field) {
        Objects.requireNonNull(value, field);
        if (value.length < min || value.length > max) {
            throw new IllegalArgumentException(field + ": " + value.length + " bytes, must be " + min + ".." + max);
        }
        return value.clone();
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": missing");
        }
        return value;
    }

    /** Checks that a chunk lies inside its item: {@code offset + length <= total}. */
    static void chunk(int total, int offset, int length, String message) {
        if (offset + length > total) {
            throw new IllegalArgumentException(message + " chunk: offset " + offset + " + " + length
                    + " bytes runs past total " + total);
        }
    }

    /** Strict UTF-8 (no unpaired surrogates) of {@code min..max} bytes. */
    static byte[] utf8(String value, int min, int max, String field) {
        Objects.requireNonNull(value, field);
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(value));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return bytes(out, min, max, field);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(field + ": not encodable as UTF-8");
        }
    }

    static String utf8(byte[] value, String field) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(field + ": not valid UTF-8");
        }
    }

    /** Printable ASCII (0x20..0x7E) of {@code min..max} characters. */
    static byte[] ascii(String value, int min, int max, String field) {
        Objects.requireNonNull(value, field);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException(
                        String.format("%s: character 0x%02X at %d is not printable ASCII", field, (int) c, i));
            }
        }
        return bytes(value.getBytes(StandardCharsets.US_ASCII), min, max, field);
    }

    /** Decoding side of {@link #ascii(String, int, int, String)}; the caller re-checks through the record. */
    static String ascii(byte[] value) {
        // ISO-8859-1 maps every byte to one char, so a non-ASCII byte survives to fail the record's check.
        return new String(value, StandardCharsets.ISO_8859_1);
    }
}

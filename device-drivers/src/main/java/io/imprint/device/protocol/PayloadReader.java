package io.imprint.device.protocol;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Reads the fields of one payload in order, failing with a {@link ProtocolException} that names the
 * message and field when the payload is short, long or holds an unknown enum code.
 *
 * <p>Not thread-safe: one per decode.
 */
final class PayloadReader {

    private final String message;
    private final byte[] payload;
    private int position;

    PayloadReader(String message, byte[] payload) {
        this.message = message;
        this.payload = payload;
    }

    int u8(String field) throws ProtocolException {
        need(1, field);
        return payload[position++] & 0xFF;
    }

    int u16(String field) throws ProtocolException {
        need(2, field);
        int v = (payload[position] & 0xFF) << 8 | payload[position + 1] & 0xFF;
        position += 2;
        return v;
    }

    byte[] bytes(int n, String field) throws ProtocolException {
        need(n, field);
        byte[] b = Arrays.copyOfRange(payload, position, position + n);
        position += n;
        return b;
    }

    /** A {@code [len u8][bytes]} field. */
    byte[] lengthPrefixed(String field) throws ProtocolException {
        return bytes(u8(field + " length"), field);
    }

    /** Everything left. */
    byte[] rest() {
        byte[] b = Arrays.copyOfRange(payload, position, payload.length);
        position = payload.length;
        return b;
    }

    /** A u8 enum code, failing on codes {@code lookup} does not know. */
    <E> E code(String field, IntFunction<Optional<E>> lookup) throws ProtocolException {
        int code = u8(field);
        return lookup.apply(code).orElseThrow(() -> new ProtocolException(
                String.format("%s %s: unknown code 0x%02X", message, field, code)));
    }

    void end() throws ProtocolException {
        if (position != payload.length) {
            throw new ProtocolException(message + ": " + (payload.length - position)
                    + " unexpected bytes after the last field (payload is " + payload.length + " bytes)");
        }
    }

    private void need(int n, String field) throws ProtocolException {
        if (payload.length - position < n) {
            throw new ProtocolException(message + " " + field + ": payload ends after "
                    + payload.length + " bytes, field needs " + n + " at offset " + position);
        }
    }
}

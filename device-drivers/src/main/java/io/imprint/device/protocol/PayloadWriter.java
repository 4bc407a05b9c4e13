package io.imprint.device.protocol;

import java.io.ByteArrayOutputStream;

/**
 * Builds one payload, big-endian. Values are checked by the records before they get here.
 *
 * <p>Not thread-safe: one per encode.
 */
final class PayloadWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PayloadWriter u8(int v) {
        out.write(v);
        return this;
    }

    PayloadWriter u16(int v) {
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    PayloadWriter bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    /** A {@code [len u8][bytes]} field. */
    PayloadWriter lengthPrefixed(byte[] b) {
        return u8(b.length).bytes(b);
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}

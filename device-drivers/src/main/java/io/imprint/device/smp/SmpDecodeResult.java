package io.imprint.device.smp;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * What {@link SmpDecoder#poll()} found in the bytes fed so far.
 *
 * <p>All variants are immutable and thread-safe.
 */
public sealed interface SmpDecodeResult {

    /** No packet is under way: feed more bytes. Console text between packets leaves the decoder idle. */
    record Idle() implements SmpDecodeResult {
    }

    /** A packet has begun and {@code bufferedBytes} raw bytes of it (length field included) have arrived. */
    record Accumulating(int bufferedBytes) implements SmpDecodeResult {
    }

    /** A whole SMP packet (header and CBOR body) whose length and CRC checked out. */
    record Packet(byte[] packet) implements SmpDecodeResult {
        public Packet {
            packet = packet.clone();
        }

        @Override
        public byte[] packet() {
            return packet.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Packet(byte[] other) && Arrays.equals(packet, other);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(packet);
        }

        @Override
        public String toString() {
            return "Packet[" + HexFormat.of().formatHex(packet) + "]";
        }
    }

    /** A line or packet that broke the framing (bad base64, length or CRC); the decoder dropped it and is idle. */
    record Error(Kind kind, String reason) implements SmpDecodeResult {
    }

    /** Why a frame was rejected. */
    enum Kind { BASE64, LENGTH, CRC, SEQUENCE }
}

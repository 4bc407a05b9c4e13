package io.imprint.device.smp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;

/**
 * One SMP packet: header and CBOR body. {@link #encode()} fills in the header's data length.
 *
 * <p>Thread-safe to share once built, as long as no one changes the body: a Jackson tree is mutable, and
 * this package never changes one it decoded.
 */
public record SmpPacket(SmpHeader header, JsonNode body) {

    /** A packet with this header's op, version, group, seq and command, and the body's encoded length. */
    public static byte[] encode(SmpHeader.Op op, int version, int group, int seq, int commandId, JsonNode body) {
        byte[] cbor = SmpCbor.encode(body);
        try {
            byte[] header = new SmpHeader(op, version, 0, cbor.length, group, seq, commandId).encode();
            byte[] packet = Arrays.copyOf(header, header.length + cbor.length);
            System.arraycopy(cbor, 0, packet, header.length, cbor.length);
            return packet;
        } finally {
            Arrays.fill(cbor, (byte) 0);
        }
    }

    public byte[] encode() {
        return encode(header.op(), header.version(), header.group(), header.seq(), header.commandId(), body);
    }

    /** The packet; IllegalArgumentException if its header, length or body is malformed. */
    public static SmpPacket decode(byte[] packet) {
        SmpHeader header = SmpHeader.decode(packet);
        if (header.dataLength() != packet.length - SmpHeader.LENGTH) {
            throw new IllegalArgumentException("SMP header says " + header.dataLength() + " body bytes, packet has "
                    + (packet.length - SmpHeader.LENGTH));
        }
        return new SmpPacket(header, SmpCbor.decode(packet, SmpHeader.LENGTH, header.dataLength()));
    }
}

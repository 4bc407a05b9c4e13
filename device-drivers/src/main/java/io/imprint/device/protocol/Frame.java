package io.imprint.device.protocol;

import java.util.Arrays;

/**
 * One protocol frame as the session sees it: type code, sequence number and payload. Sync bytes,
 * version, flags, length and CRC are the codec's business.
 *
 * <p>Immutable (the payload is copied in and out) and thread-safe.
 *
 * @param type    request code, reply code ({@code request | 0x80}) or {@link MessageType#ERROR_REPLY}, 0..255
 * @param seq     sequence number 0..255; a reply carries its request's
 * @param payload at most {@link FrameCodec#MAX_PAYLOAD} bytes
 */
public record Frame(int type, int seq, byte[] payload) {

    public Frame {
        if (type < 0 || type > 0xFF) {
            throw new IllegalArgumentException("frame type " + type + " is not 0..255");
        }
        if (seq < 0 || seq > 0xFF) {
            throw new IllegalArgumentException("frame seq " + seq + " is not 0..255");
        }
        if (payload.length > FrameCodec.MAX_PAYLOAD) {
            throw new IllegalArgumentException(
                    "frame payload is " + payload.length + " bytes, at most " + FrameCodec.MAX_PAYLOAD);
        }
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public int payloadLength() {
        return payload.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && f.type == type && f.seq == seq && Arrays.equals(f.payload, payload);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type + seq) + Arrays.hashCode(payload);
    }

    /** Hex of the first 32 payload bytes; never the bytes of a private key, since frames get logged. */
    @Override
    public String toString() {
        String shown = carriesPrivateKey() ? "(private key material, not shown)" : Fields.hex(payload);
        return String.format("Frame[type=0x%02X, seq=%d, length=%d, payload=%s]", type, seq, payload.length, shown);
    }

    private boolean carriesPrivateKey() {
        return type == MessageType.PUT_KEY.code()
                || type == MessageType.PUT_CREDENTIAL.code() && payload.length > 0
                        && (payload[0] & 0xFF) == CredentialKind.CLAIM_KEY.code();
    }
}

package io.imprint.device.protocol;

import java.util.Arrays;
import java.util.Objects;

/**
 * A request from the station to a board. Each record checks its fields when built (throwing
 * {@link IllegalArgumentException} naming the field), so every request that exists can be encoded;
 * {@link #decode} checks lengths and bounds and throws {@link ProtocolException}. Layouts are in
 * PROTOCOL.md.
 *
 * <p>All requests are immutable (byte arrays are copied in and out) and thread-safe.
 */
public sealed interface Request {

    MessageType type();

    /** The payload. */
    byte[] encode();

    /** The frame that carries this request with sequence number {@code seq}. */
    default Frame toFrame(int seq) {
        return new Frame(type().code(), seq, encode());
    }

    /** The request in a frame of type {@code type}; UNKNOWN_TYPE or MALFORMED on failure. */
    static Request decode(int type, byte[] payload) throws ProtocolException {
        return RequestDecoder.decode(type, payload);
    }

    /** {@code [version u8][maxPayload u16]}: the host's highest protocol version and receive limit. */
    record Hello(int version, int maxPayload) implements Request {
        public Hello {
            Fields.range(version, 1, 0xFF, "HELLO version");
            Fields.range(maxPayload, 0, 0xFFFF, "HELLO maxPayload");
        }

        public MessageType type() {
            return MessageType.HELLO;
        }

        public byte[] encode() {
            return new PayloadWriter().u8(version).u16(maxPayload).toByteArray();
        }
    }

    record Identify() implements Request {
        public MessageType type() {
            return MessageType.IDENTIFY;
        }

        public byte[] encode() {
            return new byte[0];
        }
    }

    /** {@code [keyType u8][len u8][subjectCn UTF-8, 1..64 bytes]}. */
    record GenerateKey(KeyType keyType, String subjectCn) implements Request {
        public static final int MAX_CN_BYTES = 64;

        public GenerateKey {
            Fields.present(keyType, "GENERATE_KEY keyType");
            Fields.utf8(subjectCn, 1, MAX_CN_BYTES, "GENERATE_KEY subjectCn");
        }

        public MessageType type() {
            return MessageType.GENERATE_KEY;
        }

        public byte[] encode() {
            return new PayloadWriter().u8(keyType.code())
                    .lengthPrefixed(Fields.utf8(subjectCn, 1, MAX_CN_BYTES, "GENERATE_KEY subjectCn"))
                    .toByteArray();
        }
    }

    /** {@code [offset u16]}: the next CSR bytes from {@code offset}. */
    record GetCsr(int offset) implements Request {
        public GetCsr {
            Fields.range(offset, 0, 0xFFFF, "GET_CSR offset");
        }

        public MessageType type() {
            return MessageType.GET_CSR;
        }

        public byte[] encode() {
            return new PayloadWriter().u16(offset).toByteArray();
        }
    }

    /** {@code [keyType u8][total u16][offset u16][chunk]}: PKCS#8 DER private key. Never logged. */
    record PutKey(KeyType keyType, int total, int offset, byte[] chunk) implements Request {
        /** The largest chunk that fits a 512-byte payload. */
        public static final int MAX_CHUNK = FrameCodec.MAX_PAYLOAD - 5;

        public PutKey {
            Fields.present(keyType, "PUT_KEY keyType");
            Fields.range(total, 1, 0xFFFF, "PUT_KEY total");
            Fields.range(offset, 0, 0xFFFF, "PUT_KEY offset");
            chunk = Fields.bytes(chunk, 1, MAX_CHUNK, "PUT_KEY chunk");
            Fields.chunk(total, offset, chunk.length, "PUT_KEY");
        }

        public MessageType type() {
            return MessageType.PUT_KEY;
        }

        public byte[] encode() {
            return new PayloadWriter().u8(keyType.code()).u16(total).u16(offset).bytes(chunk).toByteArray();
        }

        @Override
        public byte[] chunk() {
            return chunk.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PutKey p && p.keyType == keyType && p.total == total && p.offset == offset
                    && Arrays.equals(p.chunk, chunk);
        }

        @Override
        public int hashCode() {
            return Objects.hash(keyType, total, offset, Arrays.hashCode(chunk));
        }

        @Override
        public String toString() {
            return "PutKey[keyType=" + keyType + ", total=" + total + ", offset=" + offset
                    + ", chunk=(" + chunk.length + " bytes of private key, not shown)]";
        }
    }

    /** {@code [kind u8][total u16][offset u16][chunk]}: DER; a CLAIM_KEY chunk is never logged. */
    record PutCredential(CredentialKind kind, int total, int offset, byte[] chunk) implements Request {
        /** The largest chunk that fits a 512-byte payload. */
        public static final int MAX_CHUNK = FrameCodec.MAX_PAYLOAD - 5;

        public PutCredential {
            Fields.present(kind, "PUT_CREDENTIAL kind");
            Fields.range(total, 1, 0xFFFF, "PUT_CREDENTIAL total");
            Fields.range(offset, 0, 0xFFFF, "PUT_CREDENTIAL offset");
            chunk = Fields.bytes(chunk, 1, MAX_CHUNK, "PUT_CREDENTIAL chunk");
            Fields.chunk(total, offset, chunk.length, "PUT_CREDENTIAL");
        }

        public MessageType type() {
            return MessageType.PUT_CREDENTIAL;
        }

        public byte[] encode() {
            return new PayloadWriter().u8(kind.code()).u16(total).u16(offset).bytes(chunk).toByteArray();
        }

        @Override
        public byte[] chunk() {
            return chunk.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PutCredential p && p.kind == kind && p.total == total && p.offset == offset
                    && Arrays.equals(p.chunk, chunk);
        }

        @Override
        public int hashCode() {
            return Objects.hash(kind, total, offset, Arrays.hashCode(chunk));
        }

        @Override
        public String toString() {
            String shown = kind.isSecret() ? "(" + chunk.length + " bytes of private key, not shown)" : Fields.hex(chunk);
            return "PutCredential[kind=" + kind + ", total=" + total + ", offset=" + offset + ", chunk=" + shown + "]";
        }
    }

    /** {@code [len u8][challenge, 16..64 bytes]}: random bytes for the board to sign. */
    record Verify(byte[] challenge) implements Request {
        public static final int MIN_CHALLENGE = 16;
        public static final int MAX_CHALLENGE = 64;

        public Verify {
            challenge = Fields.bytes(challenge, MIN_CHALLENGE, MAX_CHALLENGE, "VERIFY challenge");
        }

        public MessageType type() {
            return MessageType.VERIFY;
        }

        public byte[] encode() {
            return new PayloadWriter().lengthPrefixed(challenge).toByteArray();
        }

        @Override
        public byte[] challenge() {
            return challenge.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Verify v && Arrays.equals(v.challenge, challenge);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(challenge);
        }

        @Override
        public String toString() {
            return "Verify[challenge=" + Fields.hex(challenge) + "]";
        }
    }

    record Commit() implements Request {
        public MessageType type() {
            return MessageType.COMMIT;
        }

        public byte[] encode() {
            return new byte[0];
        }
    }

    record Lock() implements Request {
        public MessageType type() {
            return MessageType.LOCK;
        }

        public byte[] encode() {
            return new byte[0];
        }
    }

    record Status() implements Request {
        public MessageType type() {
            return MessageType.STATUS;
        }

        public byte[] encode() {
            return new byte[0];
        }
    }

    record Reset() implements Request {
        public MessageType type() {
            return MessageType.RESET;
        }

        public byte[] encode() {
            return new byte[0];
        }
    }
}

package io.imprint.device.protocol;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A board's reply. Each record checks its fields when built (throwing {@link IllegalArgumentException}
 * naming the field), so every reply that exists can be encoded; {@link #decode} checks lengths and
 * bounds and throws {@link ProtocolException}. Layouts are in PROTOCOL.md.
 *
 * <p>All replies are immutable (byte arrays are copied in and out) and thread-safe.
 */
public sealed interface Reply {

    /** The payload. */
    byte[] encode();

    /** {@code request.replyCode()}, or {@link MessageType#ERROR_REPLY} for {@link ErrorReply}. */
    int frameType();

    /** The frame that carries this reply; {@code seq} is the request's. */
    default Frame toFrame(int seq) {
        return new Frame(frameType(), seq, encode());
    }

    /**
     * The reply to {@code request} in a frame of type {@code frameType}: 0xFF is an {@link ErrorReply};
     * any type other than that and {@code request.replyCode()} is a ProtocolException.
     */
    static Reply decode(MessageType request, int frameType, byte[] payload) throws ProtocolException {
        return ReplyDecoder.decode(request, frameType, payload);
    }

    /** {@code [version u8][maxPayload u16][caps u8][storage u8]}. */
    record HelloReply(int version, int maxPayload, Set<Capability> capabilities, StorageKind storage)
            implements Reply {
        public HelloReply {
            Fields.range(version, 1, 0xFF, "HELLO reply version");
            Fields.range(maxPayload, 0, 0xFFFF, "HELLO reply maxPayload");
            Fields.present(capabilities, "HELLO reply capabilities");
            capabilities = Collections.unmodifiableSet(capabilities.isEmpty()
                    ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(capabilities));
            Fields.present(storage, "HELLO reply storage");
        }

        public int frameType() {
            return MessageType.HELLO.replyCode();
        }

        public byte[] encode() {
            return new PayloadWriter().u8(version).u16(maxPayload)
                    .u8(Capability.toBits(capabilities)).u8(storage.code()).toByteArray();
        }
    }

    /** Four {@code [len u8][bytes]} fields: ASCII deviceId 1..64, chipUid 0..32, UTF-8 revisions 0..32. */
    record IdentifyReply(String deviceId, byte[] chipUid, String hardwareRevision, String firmwareVersion)
            implements Reply {
        public IdentifyReply {
            Fields.ascii(deviceId, 1, 64, "IDENTIFY reply deviceId");
            chipUid = Fields.bytes(chipUid, 0, 32, "IDENTIFY reply chipUid");
            Fields.utf8(hardwareRevision, 0, 32, "IDENTIFY reply hardwareRevision");
            Fields.utf8(firmwareVersion, 0, 32, "IDENTIFY reply firmwareVersion");
        }

        public int frameType() {
            return MessageType.IDENTIFY.replyCode();
        }

        public byte[] encode() {
            return new PayloadWriter()
                    .lengthPrefixed(Fields.ascii(deviceId, 1, 64, "IDENTIFY reply deviceId"))
                    .lengthPrefixed(chipUid)
                    .lengthPrefixed(Fields.utf8(hardwareRevision, 0, 32, "IDENTIFY reply hardwareRevision"))
                    .lengthPrefixed(Fields.utf8(firmwareVersion, 0, 32, "IDENTIFY reply firmwareVersion"))
                    .toByteArray();
        }

        @Override
        public byte[] chipUid() {
            return chipUid.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof IdentifyReply r && r.deviceId.equals(deviceId) && Arrays.equals(r.chipUid, chipUid)
                    && r.hardwareRevision.equals(hardwareRevision) && r.firmwareVersion.equals(firmwareVersion);
        }

        @Override
        public int hashCode() {
            return Objects.hash(deviceId, Arrays.hashCode(chipUid), hardwareRevision, firmwareVersion);
        }

        @Override
        public String toString() {
            return "IdentifyReply[deviceId=" + deviceId + ", chipUid=" + Fields.hex(chipUid)
                    + ", hardwareRevision=" + hardwareRevision + ", firmwareVersion=" + firmwareVersion + "]";
        }
    }

    /** {@code [csrTotal u16][chunk]}: the CSR's length and its first bytes; GET_CSR fetches the rest. */
    record GenerateKeyReply(int csrTotal, byte[] firstChunk) implements Reply {
        public static final int MAX_CHUNK = FrameCodec.MAX_PAYLOAD - 2;

        public GenerateKeyReply {
            Fields.range(csrTotal, 1, 0xFFFF, "GENERATE_KEY reply csrTotal");
            firstChunk = Fields.bytes(firstChunk, 1, MAX_CHUNK, "GENERATE_KEY reply firstChunk");
            Fields.chunk(csrTotal, 0, firstChunk.length, "GENERATE_KEY reply");
        }

        public int frameType() {
            return MessageType.GENERATE_KEY.replyCode();
        }

        public byte[] encode() {
            return new PayloadWriter().u16(csrTotal).bytes(firstChunk).toByteArray();
        }

        @Override
        public byte[] firstChunk() {
            return firstChunk.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof GenerateKeyReply r && r.csrTotal == csrTotal && Arrays.equals(r.firstChunk, firstChunk);
        }

        @Override
        public int hashCode() {
            return 31 * csrTotal + Arrays.hashCode(firstChunk);
        }

        @Override
        public String toString() {
            return "GenerateKeyReply[csrTotal=" + csrTotal + ", firstChunk=" + Fields.hex(firstChunk) + "]";
        }
    }

    /** {@code [chunk]}: CSR bytes from the requested offset, 1..512 of them. */
    record GetCsrReply(byte[] chunk) implements Reply {
        public GetCsrReply {
            chunk = Fields.bytes(chunk, 1, FrameCodec.MAX_PAYLOAD, "GET_CSR reply chunk");
        }

        public int frameType() {
            return MessageType.GET_CSR.replyCode();
        }

        public byte[] encode() {
            return chunk.clone();
        }

        @Override
        public byte[] chunk() {
            return chunk.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof GetCsrReply r && Arrays.equals(r.chunk, chunk);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(chunk);
        }

        @Override
        public String toString() {
            return "GetCsrReply[chunk=" + Fields.hex(chunk) + "]";
        }
    }

    /** {@code [nextOffset u16]}: the reply to PUT_KEY or PUT_CREDENTIAL ({@code request} says which). */
    record ChunkAck(MessageType request, int nextOffset) implements Reply {
        public ChunkAck {
            if (request != MessageType.PUT_KEY && request != MessageType.PUT_CREDENTIAL) {
                throw new IllegalArgumentException("chunk ack request: " + request + ", must be PUT_KEY or PUT_CREDENTIAL");
            }
            Fields.range(nextOffset, 0, 0xFFFF, request + " reply nextOffset");
        }

        public int frameType() {
            return request.replyCode();
        }

        public byte[] encode() {
            return new PayloadWriter().u16(nextOffset).toByteArray();
        }
    }

    /** {@code [signature]}: DER ECDSA signature of the challenge, 8..104 bytes. */
    record VerifyReply(byte[] signature) implements Reply {
        public VerifyReply {
            // 104 bytes is the longest DER ECDSA P-384 signature; 8 the shortest well-formed one.
            signature = Fields.bytes(signature, 8, 104, "VERIFY reply signature");
        }

        public int frameType() {
            return MessageType.VERIFY.replyCode();
        }

        public byte[] encode() {
            return signature.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof VerifyReply r && Arrays.equals(r.signature, signature);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(signature);
        }

        @Override
        public String toString() {
            return "VerifyReply[signature=" + Fields.hex(signature) + "]";
        }
    }

    /** {@code [state u8][lastError u8]}: {@link ErrorCode#NONE} (0x00) when there was none; null means NONE. */
    record StatusReply(BoardState state, ErrorCode lastError) implements Reply {
        public StatusReply {
            Fields.present(state, "STATUS reply state");
            lastError = lastError == null ? ErrorCode.NONE : lastError;
        }

        public int frameType() {
            return MessageType.STATUS.replyCode();
        }

        public byte[] encode() {
            return new PayloadWriter().u8(state.code()).u8(lastError.code()).toByteArray();
        }
    }

    /** No payload: the reply to COMMIT, LOCK or RESET. */
    record Empty(MessageType request) implements Reply {
        public Empty {
            if (request != MessageType.COMMIT && request != MessageType.LOCK && request != MessageType.RESET) {
                throw new IllegalArgumentException("empty reply request: " + request + ", must be COMMIT, LOCK or RESET");
            }
        }

        public int frameType() {
            return request.replyCode();
        }

        public byte[] encode() {
            return new byte[0];
        }
    }

    /** {@code [code u8][len u8][detail, printable ASCII 0..128]}: frame type 0xFF. Null detail means "". */
    record ErrorReply(ErrorCode code, String detail) implements Reply {
        public static final int MAX_DETAIL = 128;

        public ErrorReply {
            Fields.present(code, "ERROR reply code");
            if (code == ErrorCode.NONE) {
                throw new IllegalArgumentException("ERROR reply code: 0x00 (NONE) is not an error");
            }
            detail = detail == null ? "" : detail;
            Fields.ascii(detail, 0, MAX_DETAIL, "ERROR reply detail");
        }

        public int frameType() {
            return MessageType.ERROR_REPLY;
        }

        public byte[] encode() {
            return new PayloadWriter().u8(code.code())
                    .lengthPrefixed(Fields.ascii(detail, 0, MAX_DETAIL, "ERROR reply detail")).toByteArray();
        }
    }
}

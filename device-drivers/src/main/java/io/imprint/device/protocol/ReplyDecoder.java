package io.imprint.device.protocol;

import io.imprint.device.protocol.Reply.ChunkAck;
import io.imprint.device.protocol.Reply.Empty;
import io.imprint.device.protocol.Reply.ErrorReply;
import io.imprint.device.protocol.Reply.GenerateKeyReply;
import io.imprint.device.protocol.Reply.GetCsrReply;
import io.imprint.device.protocol.Reply.HelloReply;
import io.imprint.device.protocol.Reply.IdentifyReply;
import io.imprint.device.protocol.Reply.StatusReply;
import io.imprint.device.protocol.Reply.VerifyReply;

/**
 * Payload to {@link Reply}: reads fields in order and lets the record constructors check values.
 *
 * <p>Stateless and thread-safe.
 */
final class ReplyDecoder {

    private ReplyDecoder() {
    }

    static Reply decode(MessageType request, int frameType, byte[] payload) throws ProtocolException {
        if (frameType == MessageType.ERROR_REPLY) {
            return decodeError(payload);
        }
        if (frameType != request.replyCode()) {
            throw new ProtocolException(String.format(
                    "%s reply: frame type 0x%02X, expected 0x%02X or 0xFF", request, frameType, request.replyCode()));
        }
        PayloadReader in = new PayloadReader(request + " reply", payload);
        try {
            Reply reply = switch (request) {
                case HELLO -> hello(in);
                case IDENTIFY -> new IdentifyReply(Fields.ascii(in.lengthPrefixed("deviceId")),
                        in.lengthPrefixed("chipUid"),
                        Fields.utf8(in.lengthPrefixed("hardwareRevision"), "IDENTIFY reply hardwareRevision"),
                        Fields.utf8(in.lengthPrefixed("firmwareVersion"), "IDENTIFY reply firmwareVersion"));
                case GENERATE_KEY -> new GenerateKeyReply(in.u16("csrTotal"), in.rest());
                case GET_CSR -> new GetCsrReply(in.rest());
                case PUT_KEY, PUT_CREDENTIAL -> new ChunkAck(request, in.u16("nextOffset"));
                case VERIFY -> new VerifyReply(in.rest());
                // As in ERROR replies, a newer board's unknown code reads as INTERNAL.
                case STATUS -> new StatusReply(in.code("state", BoardState::ofCode), ErrorCode.of(in.u8("lastError")));
                case COMMIT, LOCK, RESET -> new Empty(request);
            };
            in.end();
            return reply;
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(e.getMessage(), e);
        }
    }

    private static HelloReply hello(PayloadReader in) throws ProtocolException {
        int version = in.u8("version");
        int maxPayload = in.u16("maxPayload");
        int caps = in.u8("caps");
        if (Capability.reservedBits(caps) != 0) {
            throw new ProtocolException(
                    String.format("HELLO reply caps: reserved bits 0x%02X set", Capability.reservedBits(caps)));
        }
        return new HelloReply(version, maxPayload, Capability.fromBits(caps), in.code("storage", StorageKind::ofCode));
    }

    // An unknown code is a newer board's error: it reads as INTERNAL rather than failing the decode.
    private static ErrorReply decodeError(byte[] payload) throws ProtocolException {
        PayloadReader in = new PayloadReader("ERROR reply", payload);
        try {
            ErrorReply reply = new ErrorReply(ErrorCode.of(in.u8("code")), Fields.ascii(in.lengthPrefixed("detail")));
            in.end();
            return reply;
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(e.getMessage(), e);
        }
    }
}

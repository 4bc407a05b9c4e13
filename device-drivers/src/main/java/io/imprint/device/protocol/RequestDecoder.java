package io.imprint.device.protocol;

import io.imprint.device.protocol.Request.Commit;
import io.imprint.device.protocol.Request.GenerateKey;
import io.imprint.device.protocol.Request.GetCsr;
import io.imprint.device.protocol.Request.Hello;
import io.imprint.device.protocol.Request.Identify;
import io.imprint.device.protocol.Request.Lock;
import io.imprint.device.protocol.Request.PutCredential;
import io.imprint.device.protocol.Request.PutKey;
import io.imprint.device.protocol.Request.Reset;
import io.imprint.device.protocol.Request.Status;
import io.imprint.device.protocol.Request.Verify;

/**
 * Payload to {@link Request}: reads fields in order and lets the record constructors check values.
 *
 * <p>Stateless and thread-safe.
 */
final class RequestDecoder {

    private RequestDecoder() {
    }

    static Request decode(int type, byte[] payload) throws ProtocolException {
        MessageType t = MessageType.ofCode(type).orElseThrow(() -> new ProtocolException(
                ErrorCode.UNKNOWN_TYPE, String.format("unknown request type 0x%02X", type)));
        PayloadReader in = new PayloadReader(t.name(), payload);
        try {
            Request request = switch (t) {
                case HELLO -> new Hello(in.u8("version"), in.u16("maxPayload"));
                case IDENTIFY -> new Identify();
                case GENERATE_KEY -> new GenerateKey(in.code("keyType", KeyType::ofCode),
                        Fields.utf8(in.lengthPrefixed("subjectCn"), "GENERATE_KEY subjectCn"));
                case GET_CSR -> new GetCsr(in.u16("offset"));
                case PUT_KEY -> new PutKey(in.code("keyType", KeyType::ofCode),
                        in.u16("total"), in.u16("offset"), in.rest());
                case PUT_CREDENTIAL -> new PutCredential(in.code("kind", CredentialKind::ofCode),
                        in.u16("total"), in.u16("offset"), in.rest());
                case VERIFY -> new Verify(in.lengthPrefixed("challenge"));
                case COMMIT -> new Commit();
                case LOCK -> new Lock();
                case STATUS -> new Status();
                case RESET -> new Reset();
            };
            in.end();
            return request;
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(e.getMessage(), e);
        }
    }
}

package io.imprint.device.protocol;

import static io.imprint.device.protocol.ProtocolVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.device.protocol.Reply.ChunkAck;
import io.imprint.device.protocol.Reply.Empty;
import io.imprint.device.protocol.Reply.ErrorReply;
import io.imprint.device.protocol.Reply.GenerateKeyReply;
import io.imprint.device.protocol.Reply.GetCsrReply;
import io.imprint.device.protocol.Reply.HelloReply;
import io.imprint.device.protocol.Reply.IdentifyReply;
import io.imprint.device.protocol.Reply.StatusReply;
import io.imprint.device.protocol.Reply.VerifyReply;
import io.imprint.device.protocol.Request.GenerateKey;
import io.imprint.device.protocol.Request.Hello;
import io.imprint.device.protocol.Request.PutCredential;
import io.imprint.device.protocol.Request.PutKey;
import io.imprint.device.protocol.Request.Verify;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MessagesTest {

    static Stream<Request> requests() {
        Stream<Request> edges = Stream.of(
                new Hello(255, 0xFFFF),
                new GenerateKey(KeyType.EC_P384, "é".repeat(32)),
                new GenerateKey(KeyType.EC_P256, "x"),
                new PutKey(KeyType.EC_P384, 0xFFFF, 0xFFFF - PutKey.MAX_CHUNK, new byte[PutKey.MAX_CHUNK]),
                new PutCredential(CredentialKind.CLAIM_KEY, 1, 0, new byte[1]),
                new PutCredential(CredentialKind.BOOTSTRAP_CERT, 600, 507, new byte[93]),
                new Verify(new byte[Verify.MIN_CHALLENGE]),
                new Verify(new byte[Verify.MAX_CHALLENGE]));
        return Stream.concat(ProtocolVectors.all().stream()
                .map(ProtocolVectors.Vector::message).filter(Request.class::isInstance).map(Request.class::cast), edges);
    }

    static Stream<Arguments> replies() {
        Stream<Arguments> edges = Stream.of(
                Arguments.of(MessageType.HELLO, new HelloReply(1, 256, Set.of(), StorageKind.RAM)),
                Arguments.of(MessageType.HELLO, new HelloReply(2, 512, EnumSet.allOf(Capability.class), StorageKind.SECURE_ELEMENT)),
                Arguments.of(MessageType.IDENTIFY, new IdentifyReply("~".repeat(64), new byte[0], "", "")),
                Arguments.of(MessageType.IDENTIFY, new IdentifyReply("A", new byte[32], "ü".repeat(16), "v".repeat(32))),
                Arguments.of(MessageType.GENERATE_KEY, new GenerateKeyReply(GenerateKeyReply.MAX_CHUNK, new byte[GenerateKeyReply.MAX_CHUNK])),
                Arguments.of(MessageType.GET_CSR, new GetCsrReply(new byte[FrameCodec.MAX_PAYLOAD])),
                Arguments.of(MessageType.VERIFY, new VerifyReply(new byte[104])),
                Arguments.of(MessageType.STATUS, new StatusReply(BoardState.LOCKED, ErrorCode.NONE)),
                Arguments.of(MessageType.STATUS, new StatusReply(BoardState.BLANK, ErrorCode.INTERNAL)),
                Arguments.of(MessageType.GET_CSR, new ErrorReply(ErrorCode.BAD_OFFSET, "")),
                Arguments.of(MessageType.PUT_KEY, new ErrorReply(ErrorCode.BAD_KEY, "~".repeat(ErrorReply.MAX_DETAIL))));
        return Stream.concat(ProtocolVectors.all().stream().filter(v -> !v.isRequest())
                .map(v -> Arguments.of(v.request(), v.message())), edges);
    }

    @ParameterizedTest
    @MethodSource("requests")
    void everyRequestSurvivesTheWire(Request request) throws Exception {
        Frame frame = overTheWire(request.toFrame(0x42));

        assertThat(frame.type()).isEqualTo(request.type().code());
        assertThat(Request.decode(frame.type(), frame.payload())).isEqualTo(request);
    }

    @ParameterizedTest
    @MethodSource("replies")
    void everyReplySurvivesTheWire(MessageType request, Reply reply) throws Exception {
        Frame frame = overTheWire(reply.toFrame(0x42));

        assertThat(Reply.decode(request, frame.type(), frame.payload())).isEqualTo(reply);
    }

    static Stream<Arguments> malformedRequests() {
        return Stream.of(
                bad(0x01, "", "HELLO version"),
                bad(0x01, "0102", "HELLO maxPayload"),
                bad(0x01, "01020000", "HELLO: 1 unexpected"),
                bad(0x01, "000200", "HELLO version: 0"),
                bad(0x02, "00", "IDENTIFY: 1 unexpected"),
                bad(0x03, "", "GENERATE_KEY keyType"),
                bad(0x03, "030141", "GENERATE_KEY keyType: unknown code 0x03"),
                bad(0x03, "0100", "GENERATE_KEY subjectCn: 0 bytes"),
                bad(0x03, "0141" + "41".repeat(65), "GENERATE_KEY subjectCn: 65 bytes"),
                bad(0x03, "010541", "GENERATE_KEY subjectCn: payload ends"),
                bad(0x03, "01014142", "GENERATE_KEY: 1 unexpected"),
                bad(0x03, "0101ff", "GENERATE_KEY subjectCn: not valid UTF-8"),
                bad(0x04, "00", "GET_CSR offset"),
                bad(0x04, "000000", "GET_CSR: 1 unexpected"),
                bad(0x05, "010010", "PUT_KEY offset"),
                bad(0x05, "0100100000", "PUT_KEY chunk: 0 bytes"),
                bad(0x05, "0300100000aa", "PUT_KEY keyType: unknown code 0x03"),
                bad(0x05, "0100020001aabb", "PUT_KEY chunk: offset 1 + 2 bytes runs past total 2"),
                bad(0x05, "0100000000aa", "PUT_KEY total: 0"),
                bad(0x06, "0000100000aa", "PUT_CREDENTIAL kind: unknown code 0x00"),
                bad(0x06, "0600100000aa", "PUT_CREDENTIAL kind: unknown code 0x06"),
                bad(0x06, "01ffff0000" + "00".repeat(508), "PUT_CREDENTIAL chunk: 508 bytes"),
                bad(0x07, "", "VERIFY challenge length"),
                bad(0x07, "0f" + "00".repeat(15), "VERIFY challenge: 15 bytes"),
                bad(0x07, "41" + "00".repeat(65), "VERIFY challenge: 65 bytes"),
                bad(0x07, "10" + "00".repeat(15), "VERIFY challenge: payload ends"),
                bad(0x07, "10" + "00".repeat(17), "VERIFY: 1 unexpected"),
                bad(0x08, "00", "COMMIT: 1 unexpected"),
                bad(0x09, "00", "LOCK: 1 unexpected"),
                bad(0x0A, "00", "STATUS: 1 unexpected"),
                bad(0x0B, "00", "RESET: 1 unexpected"));
    }

    @ParameterizedTest
    @MethodSource("malformedRequests")
    void everyMalformedRequestIsAProtocolExceptionNamingTheField(int type, String payload, String message) {
        assertThatThrownBy(() -> Request.decode(type, hex(payload)))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.MALFORMED))
                .hasMessageContaining(message);
    }

    @Test
    void unknownRequestTypesAreUnknownType() {
        for (int type : List.of(0x00, 0x0C, 0x7F, 0x81, 0xFF)) {
            assertThatThrownBy(() -> Request.decode(type, new byte[0]))
                    .isInstanceOfSatisfying(ProtocolException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNKNOWN_TYPE))
                    .hasMessageContaining(String.format("0x%02X", type));
        }
    }

    static Stream<Arguments> malformedReplies() {
        return Stream.of(
                badReply(MessageType.HELLO, 0x82, "0102000101", "HELLO reply: frame type 0x82, expected 0x81"),
                badReply(MessageType.HELLO, 0x01, "0102000101", "frame type 0x01"),
                badReply(MessageType.HELLO, 0x81, "01020001", "HELLO reply storage"),
                badReply(MessageType.HELLO, 0x81, "0102000401", "HELLO reply caps: reserved bits 0x04"),
                badReply(MessageType.HELLO, 0x81, "0102000104", "HELLO reply storage: unknown code 0x04"),
                badReply(MessageType.HELLO, 0x81, "0002000101", "HELLO reply version: 0"),
                badReply(MessageType.HELLO, 0x81, "010200010100", "HELLO reply: 1 unexpected"),
                badReply(MessageType.IDENTIFY, 0x82, "00000000", "IDENTIFY reply deviceId: 0 bytes"),
                badReply(MessageType.IDENTIFY, 0x82, "01ff000000", "IDENTIFY reply deviceId: character 0xFF"),
                badReply(MessageType.IDENTIFY, 0x82, "014121" + "00".repeat(33) + "0000", "IDENTIFY reply chipUid: 33 bytes"),
                badReply(MessageType.IDENTIFY, 0x82, "014100" + "21" + "41".repeat(33) + "00", "IDENTIFY reply hardwareRevision: 33 bytes"),
                badReply(MessageType.IDENTIFY, 0x82, "01410000", "IDENTIFY reply firmwareVersion length"),
                badReply(MessageType.IDENTIFY, 0x82, "0141000001ff", "IDENTIFY reply firmwareVersion: not valid UTF-8"),
                badReply(MessageType.IDENTIFY, 0x82, "014100000000", "IDENTIFY reply: 1 unexpected"),
                badReply(MessageType.GENERATE_KEY, 0x83, "0000aa", "GENERATE_KEY reply csrTotal: 0"),
                badReply(MessageType.GENERATE_KEY, 0x83, "0010", "GENERATE_KEY reply firstChunk: 0 bytes"),
                badReply(MessageType.GENERATE_KEY, 0x83, "0001aabb", "runs past total 1"),
                badReply(MessageType.GET_CSR, 0x84, "", "GET_CSR reply chunk: 0 bytes"),
                badReply(MessageType.PUT_KEY, 0x85, "00", "PUT_KEY reply nextOffset"),
                badReply(MessageType.PUT_CREDENTIAL, 0x86, "000000", "PUT_CREDENTIAL reply: 1 unexpected"),
                badReply(MessageType.VERIFY, 0x87, "30050201010200", "VERIFY reply signature: 7 bytes"),
                badReply(MessageType.VERIFY, 0x87, "00".repeat(105), "VERIFY reply signature: 105 bytes"),
                badReply(MessageType.STATUS, 0x8A, "0500", "STATUS reply state: unknown code 0x05"),
                badReply(MessageType.STATUS, 0x8A, "02", "STATUS reply lastError"),
                badReply(MessageType.STATUS, 0x8A, "020000", "STATUS reply: 1 unexpected"),
                badReply(MessageType.COMMIT, 0x88, "00", "COMMIT reply: 1 unexpected"),
                badReply(MessageType.LOCK, 0x89, "00", "LOCK reply: 1 unexpected"),
                badReply(MessageType.RESET, 0x8B, "00", "RESET reply: 1 unexpected"),
                badReply(MessageType.STATUS, 0xFF, "", "ERROR reply code"),
                badReply(MessageType.STATUS, 0xFF, "0000", "ERROR reply code: 0x00 (NONE)"),
                badReply(MessageType.STATUS, 0xFF, "0801", "ERROR reply detail: payload ends"),
                badReply(MessageType.STATUS, 0xFF, "08010a", "ERROR reply detail: character 0x0A"),
                badReply(MessageType.STATUS, 0xFF, "0881" + "41".repeat(129), "ERROR reply detail: 129 bytes"),
                badReply(MessageType.STATUS, 0xFF, "080041", "ERROR reply: 1 unexpected"));
    }

    @ParameterizedTest
    @MethodSource("malformedReplies")
    void everyMalformedReplyIsAProtocolExceptionNamingTheField(MessageType request, int frameType, String payload,
                                                                String message) {
        assertThatThrownBy(() -> Reply.decode(request, frameType, hex(payload)))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining(message);
    }

    @Test
    void anUnknownErrorCodeReadsAsInternal() throws Exception {
        assertThat(Reply.decode(MessageType.VERIFY, 0xFF, hex("5500")))
                .isEqualTo(new ErrorReply(ErrorCode.INTERNAL, ""));
        assertThat(ErrorCode.of(0x55)).isEqualTo(ErrorCode.INTERNAL);
    }

    @Test
    void encodingValidatesToo() {
        assertThatThrownBy(() -> new GenerateKey(KeyType.EC_P256, "x".repeat(65))).hasMessageContaining("subjectCn");
        assertThatThrownBy(() -> new GenerateKey(KeyType.EC_P256, "\uD800")).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> new GenerateKey(null, "x")).hasMessageContaining("keyType");
        assertThatThrownBy(() -> new Hello(1, 0x10000)).hasMessageContaining("maxPayload");
        assertThatThrownBy(() -> new PutKey(KeyType.EC_P256, 10, 9, new byte[2])).hasMessageContaining("past total");
        assertThatThrownBy(() -> new Verify(new byte[15])).hasMessageContaining("challenge");
        assertThatThrownBy(() -> new ChunkAck(MessageType.HELLO, 0)).hasMessageContaining("PUT_KEY or PUT_CREDENTIAL");
        assertThatThrownBy(() -> new Empty(MessageType.STATUS)).hasMessageContaining("COMMIT, LOCK or RESET");
        assertThatThrownBy(() -> new ErrorReply(ErrorCode.NONE, "")).hasMessageContaining("NONE");
        assertThatThrownBy(() -> new IdentifyReply("dev\u00e9", new byte[0], "", "")).hasMessageContaining("deviceId");
        assertThatThrownBy(() -> new Frame(0x100, 0, new byte[0])).hasMessageContaining("type");
        assertThatThrownBy(() -> new Frame(0, -1, new byte[0])).hasMessageContaining("seq");
        assertThatThrownBy(() -> new Frame(0, 0, new byte[513])).hasMessageContaining("513");
    }

    @Test
    void byteArraysAreCopiedInAndOut() {
        byte[] challenge = new byte[16];
        Verify verify = new Verify(challenge);
        challenge[0] = 1;
        verify.challenge()[1] = 1;

        assertThat(verify).isEqualTo(new Verify(new byte[16]));
        assertThat(verify.hashCode()).isEqualTo(new Verify(new byte[16]).hashCode());
    }

    @Test
    void statusWithoutAnErrorIsNone() {
        assertThat(new StatusReply(BoardState.BLANK, null).lastError()).isEqualTo(ErrorCode.NONE);
        assertThat(new StatusReply(BoardState.BLANK, null).encode()).containsExactly(0, 0);
    }

    @Test
    void privateKeyBytesNeverReachToString() {
        byte[] secret = hex("5ec2e75ec2e75ec2e7");
        PutKey putKey = new PutKey(KeyType.EC_P256, 9, 0, secret);
        PutCredential claimKey = new PutCredential(CredentialKind.CLAIM_KEY, 9, 0, secret);

        assertThat(putKey.toString()).doesNotContain("5ec2e7");
        assertThat(claimKey.toString()).doesNotContain("5ec2e7");
        assertThat(putKey.toFrame(1).toString()).doesNotContain("5ec2e7");
        assertThat(claimKey.toFrame(1).toString()).doesNotContain("5ec2e7");
        assertThat(new PutCredential(CredentialKind.DEVICE_CERT, 9, 0, secret).toString()).contains("5ec2e7");
    }

    @Test
    void typeCodesAndDescriptions() {
        assertThat(MessageType.GENERATE_KEY.replyCode()).isEqualTo(0x83);
        assertThat(MessageType.ofCode(0x0B)).contains(MessageType.RESET);
        assertThat(MessageType.ofCode(0x8B)).isEmpty();
        assertThat(MessageType.ofReplyCode(0x8B)).contains(MessageType.RESET);
        assertThat(MessageType.ofReplyCode(0xFF)).isEmpty();
        assertThat(ErrorCode.LOCKED.description()).isEqualTo("board is locked: provisioning interface closed");
        assertThat(ErrorCode.values()).allSatisfy(e -> assertThat(e.description()).isNotBlank());
        assertThat(ErrorCode.values()).allSatisfy(e -> assertThat(ErrorCode.of(e.code())).isEqualTo(e));
    }

    private static Frame overTheWire(Frame frame) {
        byte[] wire = FrameCodec.encode(frame);
        FrameDecoder decoder = new FrameDecoder();
        decoder.feed(wire, 0, wire.length);
        DecodeResult result = decoder.poll();
        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
        return ((DecodeResult.Decoded) result).frame();
    }

    private static Arguments bad(int type, String payload, String message) {
        return Arguments.of(type, payload, message);
    }

    private static Arguments badReply(MessageType request, int frameType, String payload, String message) {
        return Arguments.of(request, frameType, payload, message);
    }
}

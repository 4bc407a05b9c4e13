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
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The test vectors of PROTOCOL.md: one frame for every request and every reply type. Run
 * {@link #main} to print the markdown section after a deliberate change; ProtocolVectorsTest fails
 * when the document and this list disagree.
 */
final class ProtocolVectors {

    static final int SEQ = 0x01;

    /**
     * A well-framed request the board must refuse: its payload does not decode, and the board answers
     * ERROR {@code answer} (PROTOCOL.md §6: an undefined value is MALFORMED).
     */
    record Refused(int frameType, byte[] payload, ErrorCode answer) {
    }

    /** One vector: {@code request} is the message type that the frame is (or answers). */
    record Vector(String id, String title, MessageType request, Object message) {
        boolean isRequest() {
            return message instanceof Request || message instanceof Refused;
        }

        Frame frame() {
            return switch (message) {
                case Request r -> r.toFrame(SEQ);
                case Refused r -> new Frame(r.frameType(), SEQ, r.payload());
                default -> ((Reply) message).toFrame(SEQ);
            };
        }

        byte[] bytes() {
            return FrameCodec.encode(frame());
        }
    }

    private ProtocolVectors() {
    }

    static List<Vector> all() {
        return List.of(
                new Vector("V-REQ-HELLO", "HELLO: host speaks up to v1, accepts 512-byte payloads",
                        MessageType.HELLO, new Hello(1, 512)),
                new Vector("V-REQ-HELLO-128", "HELLO: a host that accepts 128-byte payloads (CSR chunks of at most 126 and 128 bytes)",
                        MessageType.HELLO, new Hello(1, 128)),
                new Vector("V-REQ-IDENTIFY", "IDENTIFY", MessageType.IDENTIFY, new Identify()),
                new Vector("V-REQ-GENERATE_KEY", "GENERATE_KEY: P-256, CN \"IMP-0001-A7F3\"",
                        MessageType.GENERATE_KEY, new GenerateKey(KeyType.EC_P256, "IMP-0001-A7F3")),
                new Vector("V-REQ-GENERATE_KEY-UNDEFINED", "GENERATE_KEY with keyType 3, which v1 does not define: answered ERROR MALFORMED",
                        MessageType.GENERATE_KEY, new Refused(MessageType.GENERATE_KEY.code(), hex("0305494d502d31"), ErrorCode.MALFORMED)),
                new Vector("V-REQ-GET_CSR", "GET_CSR: CSR bytes from offset 16",
                        MessageType.GET_CSR, new GetCsr(16)),
                new Vector("V-REQ-PUT_KEY", "PUT_KEY: P-256, total 138, offset 0, first 27 bytes (the PKCS#8 header, no key bytes)",
                        MessageType.PUT_KEY, new PutKey(KeyType.EC_P256, 138, 0,
                                hex("308187020100301306072a8648ce3d020106082a8648ce3d030107"))),
                new Vector("V-REQ-PUT_CREDENTIAL", "PUT_CREDENTIAL: DEVICE_CERT, total 452, offset 0, first 16 bytes",
                        MessageType.PUT_CREDENTIAL, new PutCredential(CredentialKind.DEVICE_CERT, 452, 0,
                                hex("308201c030820166a003020102021401"))),
                new Vector("V-REQ-PUT_CREDENTIAL-UNDEFINED", "PUT_CREDENTIAL with kind 6, which v1 does not define: answered ERROR MALFORMED",
                        MessageType.PUT_CREDENTIAL, new Refused(MessageType.PUT_CREDENTIAL.code(), hex("06000400000102030a"), ErrorCode.MALFORMED)),
                new Vector("V-REQ-VERIFY", "VERIFY: 32-byte challenge 00..1f",
                        MessageType.VERIFY, new Verify(counting(0x00, 32))),
                new Vector("V-REQ-COMMIT", "COMMIT", MessageType.COMMIT, new Commit()),
                new Vector("V-REQ-LOCK", "LOCK", MessageType.LOCK, new Lock()),
                new Vector("V-REQ-STATUS", "STATUS", MessageType.STATUS, new Status()),
                new Vector("V-REQ-RESET", "RESET", MessageType.RESET, new Reset()),
                new Vector("V-REP-HELLO", "HELLO reply: v1, 512-byte payloads, KEYGEN_ON_DEVICE, PROTECTED_FLASH",
                        MessageType.HELLO, new HelloReply(1, 512, Set.of(Capability.KEYGEN_ON_DEVICE),
                                StorageKind.PROTECTED_FLASH)),
                new Vector("V-REP-IDENTIFY", "IDENTIFY reply: \"IMP-0001-A7F3\", 12-byte UID, \"rev-C\", \"1.4.2\"",
                        MessageType.IDENTIFY, new IdentifyReply("IMP-0001-A7F3",
                                hex("003a00253139511833333737"), "rev-C", "1.4.2")),
                new Vector("V-REP-IDENTIFY-LONGEST", "IDENTIFY reply at its longest, 164 payload bytes: 64-character id, 32-byte UID, 32-byte revisions",
                        MessageType.IDENTIFY, new IdentifyReply("IMP-" + "0123456789ABCDEF".repeat(3) + "0123456789AB",
                                counting(0xE0, 32), "rev-" + "C".repeat(28), "1.4.2+" + "b".repeat(26))),
                new Vector("V-REP-GENERATE_KEY", "GENERATE_KEY reply: CSR of 297 bytes, first 16 of them",
                        MessageType.GENERATE_KEY, new GenerateKeyReply(297, hex("308201253081cc020100301831163014"))),
                new Vector("V-REP-GET_CSR", "GET_CSR reply: 16 CSR bytes",
                        MessageType.GET_CSR, new GetCsrReply(hex("0603550403130d494d502d303030312d"))),
                new Vector("V-REP-PUT_KEY", "PUT_KEY reply: next offset 27",
                        MessageType.PUT_KEY, new ChunkAck(MessageType.PUT_KEY, 27)),
                new Vector("V-REP-PUT_CREDENTIAL", "PUT_CREDENTIAL reply: next offset 16",
                        MessageType.PUT_CREDENTIAL, new ChunkAck(MessageType.PUT_CREDENTIAL, 16)),
                new Vector("V-REP-VERIFY", "VERIFY reply: 70-byte DER ECDSA signature (values illustrative)",
                        MessageType.VERIFY, new VerifyReply(derSignature())),
                new Vector("V-REP-COMMIT", "COMMIT reply", MessageType.COMMIT, new Empty(MessageType.COMMIT)),
                new Vector("V-REP-LOCK", "LOCK reply", MessageType.LOCK, new Empty(MessageType.LOCK)),
                new Vector("V-REP-STATUS", "STATUS reply: STAGED, last error BAD_OFFSET",
                        MessageType.STATUS, new StatusReply(BoardState.STAGED, ErrorCode.BAD_OFFSET)),
                new Vector("V-REP-RESET", "RESET reply", MessageType.RESET, new Empty(MessageType.RESET)),
                new Vector("V-REP-ERROR", "ERROR reply (to any request): LOCKED, \"board is locked\"",
                        MessageType.COMMIT, new ErrorReply(ErrorCode.LOCKED, "board is locked")),
                new Vector("V-REP-ERROR-BUSY", "ERROR reply to HELLO: BUSY, \"generating key\" (allowed, section 3)",
                        MessageType.HELLO, new ErrorReply(ErrorCode.BUSY, "generating key")),
                new Vector("V-REP-ERROR-LONGEST", "ERROR reply at its longest, 130 payload bytes: INTERNAL, a 128-character detail",
                        MessageType.STATUS, new ErrorReply(ErrorCode.INTERNAL, longestDetail())));
    }

    /** The markdown that PROTOCOL.md carries for {@code v}. */
    static String markdown(Vector v) {
        byte[] bytes = v.bytes();
        StringBuilder b = new StringBuilder("#### ").append(v.id()).append(" — ").append(v.title()).append("\n\n");
        b.append(String.format("Frame type 0x%02X, seq 0x%02X, %d payload bytes, %d bytes on the wire.%n%n",
                v.frame().type(), SEQ, v.frame().payloadLength(), bytes.length));
        b.append("```text\n");
        for (int i = 0; i < bytes.length; i += 16) {
            b.append(HexFormat.ofDelimiter(" ").formatHex(bytes, i, Math.min(bytes.length, i + 16))).append('\n');
        }
        return b.append("```\n").toString();
    }

    public static void main(String[] args) {
        System.out.print(all().stream().map(ProtocolVectors::markdown).collect(Collectors.joining("\n")));
    }

    /** 128 printable characters: what a board sends after cutting a longer message (section 6.12). */
    static String longestDetail() {
        String words = "flash write failed at 0x0800F000: ECC error in page 61, retried 3 times; erase count 10412 over the limit of 10000; ";
        return (words + words).substring(0, Reply.ErrorReply.MAX_DETAIL);
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static byte[] counting(int from, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    // SEQUENCE { INTEGER r (32 bytes), INTEGER s (32 bytes) }: the shape of a P-256 signature.
    private static byte[] derSignature() {
        byte[] sig = new byte[70];
        System.arraycopy(hex("30440220"), 0, sig, 0, 4);
        System.arraycopy(counting(0x11, 32), 0, sig, 4, 32);
        System.arraycopy(hex("0220"), 0, sig, 36, 2);
        System.arraycopy(counting(0x41, 32), 0, sig, 38, 32);
        return sig;
    }
}

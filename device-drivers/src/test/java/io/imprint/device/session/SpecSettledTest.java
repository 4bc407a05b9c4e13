package io.imprint.device.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.imprint.device.protocol.BoardState;
import io.imprint.device.protocol.Capability;
import io.imprint.device.protocol.CredentialKind;
import io.imprint.device.protocol.ErrorCode;
import io.imprint.device.protocol.KeyType;
import io.imprint.device.protocol.MessageType;
import io.imprint.device.protocol.Reply;
import io.imprint.device.protocol.Request;
import io.imprint.device.protocol.StorageKind;
import io.imprint.device.transport.Transport;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

/**
 * The questions issue 16 found open in PROTOCOL.md, as the document now settles them (its "Settled
 * questions" list), each against a board scripted from the spec alone over a real pty: the station does
 * what the spec says, and fails, where it fails, for the reason the spec gives.
 */
class SpecSettledTest {

    private static final LinkTiming STANDARD = LinkTiming.standard(115200);
    /** For a COMMIT whose reply never comes: its retry after 1 s, not 10. */
    private static final LinkTiming QUICK_COMMIT = new LinkTiming(115200, Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofSeconds(1), 3);

    // S1: a board drops a frame above its own maxPayload unanswered (§2); the host never sends one (§5).

    @Test
    void aBoardTaking128BytesIsSentNoFrameLongerAndTakesAWholeChain() throws Exception {
        AtomicInteger expected = new AtomicInteger();
        try (SpecBoard board = new SpecBoard(r -> switch (r) {
            case Request.Hello h -> hello(128);
            case Request.PutCredential p -> {
                if (p.offset() == 0) {
                    expected.set(0);
                }
                expected.addAndGet(p.chunk().length);
                yield new Reply.ChunkAck(MessageType.PUT_CREDENTIAL, expected.get());
            }
            default -> notExpected();
        }).receiveLimit(128); BoardSession session = BoardSession.open(board.hostPort(), STANDARD)) {
            session.install(Credentials.device(new byte[452], List.of(new byte[520], new byte[560])));
            assertThat(board.payloadSizes()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(128));
            assertThat(board.dropped()).isZero();
            assertThat(expected.get()).isEqualTo(1080);
        }
    }

    @Test
    void aRequestLongerThanTheBoardTakesIsRefusedAndNotSent() throws Exception {
        try (SpecBoard board = new SpecBoard(r -> new Reply.ChunkAck(MessageType.PUT_CREDENTIAL, 200)).receiveLimit(128)) {
            Transport port = board.hostPort();
            port.open();
            try {
                BoardLink link = new BoardLink(port, STANDARD);
                link.boardAccepts(128);
                BoardException e = catchThrowableOfType(BoardException.class,
                        () -> link.exchange(new Request.PutCredential(CredentialKind.DEVICE_CERT, 300, 0, new byte[200])));
                assertThat(e.reason()).isEqualTo(BoardException.Reason.PROTOCOL);
                assertThat(e.getMessage()).contains("PUT_CREDENTIAL of 205 payload bytes is more than the board accepts (128, PROTOCOL.md §5): not sent");
                assertThat(board.payloadSizes()).isEmpty();
            } finally {
                port.close();
            }
        }
    }

    // S2: a host's maxPayload bounds only the CSR chunks; IDENTIFY (up to 164 B) and ERROR (up to 130 B) come whole (§5).

    @Test
    void aHostAnnouncing128ReadsAnIdentifyOf164BytesAndAnErrorOf130() throws Exception {
        String longest = "X".repeat(64);
        String detail = "d".repeat(Reply.ErrorReply.MAX_DETAIL);
        try (SpecBoard board = new SpecBoard(r -> switch (r) {
            case Request.Hello h -> hello(512);
            case Request.Identify i -> new Reply.IdentifyReply(longest, new byte[32], "r".repeat(32), "f".repeat(32));
            case Request.Status s -> new Reply.ErrorReply(ErrorCode.INTERNAL, detail);
            default -> notExpected();
        }); BoardSession session = BoardSession.open(board.hostPort(), STANDARD, 128)) {
            assertThat(((Request.Hello) board.heard().getFirst()).maxPayload()).isEqualTo(128);
            assertThat(session.identify().deviceId()).isEqualTo(longest);
            BoardException e = catchThrowableOfType(BoardException.class, session::status);
            assertThat(e.boardDetail()).contains(detail);
            assertThat(board.heard()).extracting(r -> r.type()).containsExactly(MessageType.HELLO, MessageType.IDENTIFY, MessageType.STATUS);
        }
    }

    @Test
    void aCsrChunkLongerThanTheHostAnnouncedIsRefused() throws Exception {
        try (SpecBoard board = new SpecBoard(r -> switch (r) {
            case Request.Hello h -> hello(512);
            case Request.GenerateKey g -> new Reply.GenerateKeyReply(297, new byte[200]);
            default -> notExpected();
        }); BoardSession session = BoardSession.open(board.hostPort(), STANDARD, 128)) {
            BoardException e = catchThrowableOfType(BoardException.class, () -> session.generateKeyAndCsr("IMP-1", KeyType.EC_P256));
            assertThat(e.reason()).isEqualTo(BoardException.Reason.PROTOCOL);
            assertThat(e.getMessage()).contains("CSR chunk of 200 bytes, more than the 126 this station announced (PROTOCOL.md §5)");
        }
    }

    // S3: HELLO may be answered BUSY like any request (§3, §6.1); S8: BUSY is asked again soon, within a budget (§4).

    @Test
    void helloAnsweredBusyIsAskedAgainSoonAndNotCountedAsARetry() throws Exception {
        AtomicInteger hellos = new AtomicInteger();
        long start = System.nanoTime();
        try (SpecBoard board = new SpecBoard(r -> switch (r) {
            case Request.Hello h -> hellos.incrementAndGet() <= 2 ? new Reply.ErrorReply(ErrorCode.BUSY, "still generating a key") : hello(512);
            default -> notExpected();
        }); BoardSession session = BoardSession.open(board.hostPort(), STANDARD)) {
            assertThat(hellos.get()).isEqualTo(3);
            assertThat(session.stats().retries()).as("BUSY is not a lost frame").isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aBoardBusyLongerThanTheFamilyProbeWaitsIsStillFoundAsAnImprintBoard() throws Exception {
        long start = System.nanoTime();
        try (SpecBoard board = new SpecBoard(r -> switch (r) {
            case Request.Hello h -> System.nanoTime() - start < Duration.ofSeconds(2).toNanos()
                    ? new Reply.ErrorReply(ErrorCode.BUSY, "still booting") : hello(512);
            default -> notExpected();
        })) {
            assertThat(io.imprint.device.family.Boards.probe(board::hostPort, STANDARD)).isEqualTo(io.imprint.device.family.BoardFamily.IMPRINT);
        }
    }

    @Test
    void aBusyCommitIsAskedAgainWithinASecondNotAfterItsTenSecondTimeout() throws Exception {
        AtomicInteger commits = new AtomicInteger();
        try (SpecBoard board = new SpecBoard(r -> switch (r) {
            case Request.Hello h -> hello(512);
            case Request.Commit c -> commits.incrementAndGet() <= 3 ? new Reply.ErrorReply(ErrorCode.BUSY, "erasing flash") : new Reply.Empty(MessageType.COMMIT);
            case Request.Lock l -> new Reply.Empty(MessageType.LOCK);
            default -> notExpected();
        }); BoardSession session = BoardSession.open(board.hostPort(), STANDARD)) {
            long start = System.nanoTime();
            session.lock();
            // 100 + 200 + 400 ms of back-off; the old rule waited COMMIT's 10 s after each BUSY.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(commits.get()).isEqualTo(4);
        }
    }

    @Test
    void aBoardStillBusyWhenTheBudgetIsSpentFailsAsBusy() throws Exception {
        LinkTiming twoSeconds = new LinkTiming(115200, Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofSeconds(2), 3);
        assertThat(twoSeconds.busyBudget()).isEqualTo(Duration.ofSeconds(2));
        try (SpecBoard board = new SpecBoard(r -> switch (r) {
            case Request.Hello h -> hello(512);
            case Request.Commit c -> new Reply.ErrorReply(ErrorCode.BUSY, "erasing flash");
            default -> notExpected();
        }); BoardSession session = BoardSession.open(board.hostPort(), twoSeconds)) {
            long start = System.nanoTime();
            BoardException e = catchThrowableOfType(BoardException.class, session::lock);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(e.boardError()).contains(ErrorCode.BUSY);
            // Asked at 0, 0.1, 0.3, 0.7, 1.5 and 2.5 s: the BUSY at 2.5 s comes after the 2 s budget and is final.
            assertThat(took).isBetween(Duration.ofMillis(2400), Duration.ofMillis(3900));
            assertThat(board.heard().stream().filter(Request.Commit.class::isInstance)).hasSize(6);
        }
    }

    // S4: the CSR's subject is one RDN, one CN, a UTF8String (or PrintableString) of exactly the CN asked for (§6.3).

    @Test
    void aCsrWhoseCnIsAUtf8StringOrAPrintableStringIsAccepted() throws Exception {
        for (ASN1Encodable cn : List.of(new DERUTF8String("IMP-0001-A7F3"), new DERPrintableString("IMP-0001-A7F3"))) {
            byte[] csr = csr(new X500Name(new RDN[] {new RDN(BCStyle.CN, cn)}));
            assertThat(generate(csr, "IMP-0001-A7F3")).isEqualTo(csr);
        }
    }

    @Test
    void aCnWithACommaIsComparedAsTheTextItIs() throws Exception {
        byte[] csr = csr(new X500Name(new RDN[] {new RDN(BCStyle.CN, new DERUTF8String("LINE,3+A"))}));
        assertThat(generate(csr, "LINE,3+A")).isEqualTo(csr);
    }

    @Test
    void aCsrWithAnotherSubjectAttributeOrAnotherStringTypeIsRefused() throws Exception {
        X500Name withOrg = new X500Name(new RDN[] {new RDN(BCStyle.O, new DERUTF8String("ACME")), new RDN(BCStyle.CN, new DERUTF8String("IMP-1"))});
        X500Name multiValued = new X500Name(new RDN[] {new RDN(new AttributeTypeAndValue[] {
                new AttributeTypeAndValue(BCStyle.CN, new DERUTF8String("IMP-1")), new AttributeTypeAndValue(BCStyle.SERIALNUMBER, new DERPrintableString("1"))})});
        X500Name ia5 = new X500Name(new RDN[] {new RDN(BCStyle.CN, new DERIA5String("IMP-1"))});

        assertThat(refusal(csr(withOrg))).contains("its subject has 2 RDNs");
        assertThat(refusal(csr(multiValued))).contains("its subject has a multi-valued RDN");
        assertThat(refusal(csr(ia5))).contains("its CN is a IA5String, not a UTF8String or PrintableString");
    }

    // S5: UNSUPPORTED is a defined value the board does not implement; MALFORMED a layout broken or a value undefined (§6, §8).

    @Test
    void anUnsupportedKeyTypeIsTheBatchsMismatchAndIsNotRetried() throws Exception {
        try (SpecBoard board = new SpecBoard(r -> switch (r) {
            case Request.Hello h -> hello(512);
            case Request.GenerateKey g -> new Reply.ErrorReply(ErrorCode.UNSUPPORTED, "key type 2 (P-384) not supported");
            default -> notExpected();
        }); BoardSession session = BoardSession.open(board.hostPort(), STANDARD)) {
            BoardException e = catchThrowableOfType(BoardException.class, () -> session.generateKeyAndCsr("IMP-1", KeyType.EC_P384));
            assertThat(e.boardError()).contains(ErrorCode.UNSUPPORTED);
            assertThat(e.advice().orElseThrow().problem()).startsWith("Board cannot do what this batch needs");
            assertThat(e.advice().orElseThrow().nextAction()).isEqualTo("Check the batch is the right one for this board; call a supervisor");
            assertThat(board.heard().stream().filter(Request.GenerateKey.class::isInstance)).hasSize(1);
        }
    }

    @Test
    void aValidRequestAnsweredMalformedIsTheBoardsFirmware() throws Exception {
        try (SpecBoard board = new SpecBoard(r -> switch (r) {
            case Request.Hello h -> hello(512);
            default -> new Reply.ErrorReply(ErrorCode.MALFORMED, "IDENTIFY: payload 0 bytes");
        }); BoardSession session = BoardSession.open(board.hostPort(), STANDARD)) {
            BoardException e = catchThrowableOfType(BoardException.class, session::identify);
            assertThat(e.advice().orElseThrow().problem()).isEqualTo("Board's firmware rejected a valid request: " + ErrorCode.MALFORMED.description()
                    + " (IDENTIFY: payload 0 bytes)");
            assertThat(e.advice().orElseThrow().nextAction()).startsWith("Flash the board with current provisioning firmware");
        }
    }

    // S6: a reboot keeps the key, committed credentials and the lock; loses the reply cache, the CSR and staged items (§9).

    @Test
    void aCommitRetriedAfterARebootIsAnsweredBadStateAndACommittedBoardIsTakenAsCommitted() throws Exception {
        AtomicReference<BoardState> state = new AtomicReference<>(BoardState.STAGED);
        try (SpecBoard board = new SpecBoard(r -> switch (r) {
            case Request.Hello h -> hello(512);
            case Request.Commit c -> {
                if (state.get() == BoardState.STAGED) {
                    state.set(BoardState.COMMITTED);
                    yield null; // committed, then rebooted before the reply went out: the reply cache is gone
                }
                yield new Reply.ErrorReply(ErrorCode.BAD_STATE, "not STAGED");
            }
            case Request.Status s -> new Reply.StatusReply(state.get(), ErrorCode.BAD_STATE);
            case Request.Lock l -> {
                state.set(BoardState.LOCKED);
                yield new Reply.Empty(MessageType.LOCK);
            }
            default -> notExpected();
        }); BoardSession session = BoardSession.open(board.hostPort(), QUICK_COMMIT)) {
            session.lock();
            assertThat(state.get()).isEqualTo(BoardState.LOCKED);
            assertThat(board.heard()).extracting(Request::type).containsExactly(MessageType.HELLO, MessageType.COMMIT, MessageType.COMMIT,
                    MessageType.STATUS, MessageType.LOCK);
        }
    }

    @Test
    void itemsStagedBeforeARebootAreStagedAgainAndCommitted() throws Exception {
        AtomicReference<BoardState> state = new AtomicReference<>(BoardState.KEY_READY);
        AtomicBoolean rebooted = new AtomicBoolean();
        try (SpecBoard board = new SpecBoard(r -> switch (r) {
            case Request.Hello h -> hello(512);
            case Request.PutCredential p -> {
                state.set(BoardState.STAGED);
                yield new Reply.ChunkAck(MessageType.PUT_CREDENTIAL, p.offset() + p.chunk().length);
            }
            case Request.Commit c -> {
                if (rebooted.compareAndSet(false, true)) {
                    state.set(BoardState.KEY_READY); // power cut between the last item and COMMIT: staging lost
                    yield new Reply.ErrorReply(ErrorCode.BAD_STATE, "nothing staged");
                }
                state.set(BoardState.COMMITTED);
                yield new Reply.Empty(MessageType.COMMIT);
            }
            case Request.Status s -> new Reply.StatusReply(state.get(), ErrorCode.BAD_STATE);
            case Request.Lock l -> new Reply.Empty(MessageType.LOCK);
            default -> notExpected();
        }); BoardSession session = BoardSession.open(board.hostPort(), STANDARD)) {
            session.install(Credentials.device(new byte[300], List.of(new byte[200])));
            session.lock();
            assertThat(board.heard()).extracting(Request::type).containsExactly(MessageType.HELLO,
                    MessageType.PUT_CREDENTIAL, MessageType.PUT_CREDENTIAL, MessageType.COMMIT, MessageType.STATUS,
                    MessageType.PUT_CREDENTIAL, MessageType.PUT_CREDENTIAL, MessageType.COMMIT, MessageType.LOCK);
        }
    }

    @Test
    void aBoardThatLostItsKeyIsNotCommittedAndSaysWhy() throws Exception {
        try (SpecBoard board = new SpecBoard(r -> switch (r) {
            case Request.Hello h -> hello(512);
            case Request.PutCredential p -> new Reply.ChunkAck(MessageType.PUT_CREDENTIAL, p.offset() + p.chunk().length);
            case Request.Commit c -> new Reply.ErrorReply(ErrorCode.BAD_STATE, "no key");
            case Request.Status s -> new Reply.StatusReply(BoardState.BLANK, ErrorCode.BAD_STATE);
            default -> notExpected();
        }); BoardSession session = BoardSession.open(board.hostPort(), STANDARD)) {
            session.install(Credentials.device(new byte[300], List.of()));
            BoardException e = catchThrowableOfType(BoardException.class, session::lock);
            assertThat(e.boardError()).contains(ErrorCode.BAD_STATE);
            assertThat(e.getMessage()).endsWith("(no key); COMMIT left the board BLANK (PROTOCOL.md §9)");
            assertThat(board.heard().stream().filter(Request.Lock.class::isInstance)).isEmpty();
        }
    }

    @Test
    void aCsrLostInARebootBeforeItWasReadIsMadeAgainWithANewKey() throws Exception {
        byte[] lost = csr(new X500Name("CN=IMP-7"));
        byte[] made = csr(new X500Name("CN=IMP-7"));
        AtomicInteger keys = new AtomicInteger();
        try (SpecBoard board = new SpecBoard(r -> switch (r) {
            case Request.Hello h -> hello(512);
            case Request.GenerateKey g -> {
                byte[] csr = keys.incrementAndGet() == 1 ? lost : made;
                yield new Reply.GenerateKeyReply(csr.length, Arrays.copyOf(csr, 100));
            }
            // After the first key the board rebooted: its key survives, the CSR in RAM does not.
            case Request.GetCsr g -> keys.get() == 1 ? new Reply.ErrorReply(ErrorCode.BAD_STATE, "no CSR")
                    : new Reply.GetCsrReply(Arrays.copyOfRange(made, g.offset(), made.length));
            default -> notExpected();
        }); BoardSession session = BoardSession.open(board.hostPort(), STANDARD)) {
            assertThat(session.generateKeyAndCsr("IMP-7", KeyType.EC_P256)).isEqualTo(made);
            assertThat(keys.get()).isEqualTo(2);
        }
    }

    @Test
    void aCsrLostTwiceFailsWithTheBoardsState() throws Exception {
        byte[] csr = csr(new X500Name("CN=IMP-8"));
        try (SpecBoard board = new SpecBoard(r -> switch (r) {
            case Request.Hello h -> hello(512);
            case Request.GenerateKey g -> new Reply.GenerateKeyReply(csr.length, Arrays.copyOf(csr, 100));
            case Request.GetCsr g -> new Reply.ErrorReply(ErrorCode.BAD_STATE, "no CSR");
            default -> notExpected();
        }); BoardSession session = BoardSession.open(board.hostPort(), STANDARD)) {
            BoardException e = catchThrowableOfType(BoardException.class, () -> session.generateKeyAndCsr("IMP-8", KeyType.EC_P256));
            assertThat(e.boardError()).contains(ErrorCode.BAD_STATE);
            assertThat(e.getMessage()).contains("the board lost its CSR again after a new GENERATE_KEY (PROTOCOL.md §9)");
            assertThat(board.heard().stream().filter(Request.GenerateKey.class::isInstance)).hasSize(1 + BoardSession.KEYGEN_RESTARTS);
        }
    }

    private static byte[] generate(byte[] csr, String cn) throws Exception {
        try (SpecBoard board = new SpecBoard(r -> switch (r) {
            case Request.Hello h -> hello(512);
            case Request.GenerateKey g -> new Reply.GenerateKeyReply(csr.length, csr);
            default -> notExpected();
        }); BoardSession session = BoardSession.open(board.hostPort(), STANDARD)) {
            return session.generateKeyAndCsr(cn, KeyType.EC_P256);
        }
    }

    private static String refusal(byte[] csr) throws Exception {
        BoardException e = catchThrowableOfType(BoardException.class, () -> generate(csr, "IMP-1"));
        assertThat(e.reason()).isEqualTo(BoardException.Reason.BAD_CSR);
        return e.getMessage();
    }

    /** A P-256 CSR for {@code subject}, signed as a board would sign it. */
    static byte[] csr(X500Name subject) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = g.generateKeyPair();
        return new JcaPKCS10CertificationRequestBuilder(subject, key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())).getEncoded();
    }

    private static Reply hello(int maxPayload) {
        return new Reply.HelloReply(1, maxPayload, EnumSet.of(Capability.KEYGEN_ON_DEVICE), StorageKind.FLASH);
    }

    private static Reply notExpected() {
        return new Reply.ErrorReply(ErrorCode.BAD_STATE, "not expected");
    }
}

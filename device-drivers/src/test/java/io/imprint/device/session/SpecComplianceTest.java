package io.imprint.device.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.imprint.device.protocol.BoardState;
import io.imprint.device.protocol.Capability;
import io.imprint.device.protocol.ErrorCode;
import io.imprint.device.protocol.MessageType;
import io.imprint.device.protocol.Reply;
import io.imprint.device.protocol.Request;
import io.imprint.device.protocol.StorageKind;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The host's side of PROTOCOL.md against boards scripted from the spec alone, over real ptys: each
 * board does only what the spec allows, and the station must do what the spec says it does.
 */
class SpecComplianceTest {

    private static final LinkTiming QUICK = LinkTiming.standard(115200);

    @Test
    void aBoardWhoseMaxPayloadIsBelow128IsGivenUpOnAndSentNothingElse() throws Exception {
        try (SpecBoard board = new SpecBoard(r -> r instanceof Request.Hello ? hello(100) : new Reply.ErrorReply(ErrorCode.BAD_STATE, "not expected"))) {
            BoardException e = catchThrowableOfType(BoardException.class, () -> BoardSession.open(board.hostPort(), QUICK));
            assertThat(e.reason()).isEqualTo(BoardException.Reason.UNSUPPORTED);
            assertThat(e.getMessage()).contains("at most 100 bytes, below the protocol's minimum of 128 (PROTOCOL.md §5)");
            assertThat(board.heard()).singleElement().isInstanceOf(Request.Hello.class);
            assertThat(e.advice().orElseThrow().problem()).isEqualTo("The board's firmware takes frames too small for the protocol (100 bytes, at least 128 needed)");
        }
    }

    @Test
    void aBoardThatNeedsANewerVersionIsToldSoNotThatItCannotDoTheBatch() throws Exception {
        try (SpecBoard board = new SpecBoard(r -> new Reply.ErrorReply(ErrorCode.UNSUPPORTED, "lowest version 2"))) {
            BoardException e = catchThrowableOfType(BoardException.class, () -> BoardSession.open(board.hostPort(), QUICK));
            assertThat(e.reason()).isEqualTo(BoardException.Reason.UNSUPPORTED);
            assertThat(e.advice().orElseThrow().problem()).isEqualTo("The board needs a newer protocol version than this station speaks (lowest version 2)");
            assertThat(e.advice().orElseThrow().nextAction()).isEqualTo("Update the station, or flash the board with firmware for protocol version 1");
        }
    }

    @Test
    void aBoardThatRebootsMidItemAnswersBadOffsetAndTheHostRestartsTheItemFromZero() throws Exception {
        AtomicBoolean rebooted = new AtomicBoolean();
        AtomicInteger expected = new AtomicInteger();
        try (SpecBoard board = new SpecBoard(r -> switch (r) {
            case Request.Hello h -> hello(128);
            case Request.PutCredential p -> {
                if (p.offset() > 0 && rebooted.compareAndSet(false, true)) {
                    expected.set(0); // power cycle: the partial item is gone
                }
                if (p.offset() != expected.get()) {
                    yield new Reply.ErrorReply(ErrorCode.BAD_OFFSET, "expected offset " + expected.get());
                }
                expected.set(p.offset() + p.chunk().length);
                yield new Reply.ChunkAck(MessageType.PUT_CREDENTIAL, expected.get());
            }
            default -> new Reply.ErrorReply(ErrorCode.BAD_STATE, "not expected");
        }); BoardSession session = BoardSession.open(board.hostPort(), QUICK)) {
            byte[] certificate = new byte[400];
            session.install(new Credentials(java.util.Optional.of(certificate), List.of(), java.util.Optional.empty(), java.util.Optional.empty(),
                    java.util.Optional.empty()));
            List<Integer> offsets = board.heard().stream().filter(Request.PutCredential.class::isInstance)
                    .map(r -> ((Request.PutCredential) r).offset()).toList();
            assertThat(offsets).startsWith(0, 123, 0).endsWith(369);
            assertThat(expected.get()).isEqualTo(400);
        }
    }

    @Test
    void aBadOffsetThatPersistsFailsWithTheBoardsOwnDetail() throws Exception {
        try (SpecBoard board = new SpecBoard(r -> switch (r) {
            case Request.Hello h -> hello(128);
            case Request.PutCredential p -> p.offset() == 0 ? new Reply.ChunkAck(MessageType.PUT_CREDENTIAL, p.chunk().length)
                    : new Reply.ErrorReply(ErrorCode.BAD_OFFSET, "expected offset 0");
            default -> new Reply.ErrorReply(ErrorCode.BAD_STATE, "not expected");
        }); BoardSession session = BoardSession.open(board.hostPort(), QUICK)) {
            BoardException e = catchThrowableOfType(BoardException.class, () -> session.install(Credentials.device(new byte[400], List.of())));
            assertThat(e.boardError()).contains(ErrorCode.BAD_OFFSET);
            assertThat(e.boardDetail()).contains("expected offset 0");
            assertThat(e.getMessage()).endsWith("(expected offset 0)");
            assertThat(board.heard().stream().filter(r -> r instanceof Request.PutCredential p && p.offset() == 0)).hasSize(1 + BoardSession.ITEM_RESTARTS);
        }
    }

    @Test
    void aRepeatedLockAnsweredLockedIsConfirmedWithStatus() throws Exception {
        try (SpecBoard board = new SpecBoard(r -> switch (r) {
            case Request.Hello h -> hello(512);
            case Request.Commit c -> new Reply.Empty(MessageType.COMMIT);
            // It locked on the first LOCK, rebooted before its reply went out: the repeat finds it locked (§3).
            case Request.Lock l -> new Reply.ErrorReply(ErrorCode.LOCKED, "provisioning interface is closed");
            case Request.Status s -> new Reply.StatusReply(BoardState.LOCKED, null);
            default -> new Reply.ErrorReply(ErrorCode.BAD_STATE, "not expected");
        }); BoardSession session = BoardSession.open(board.hostPort(), QUICK)) {
            session.lock();
            assertThat(board.heard()).extracting(r -> r.getClass().getSimpleName()).containsExactly("Hello", "Commit", "Lock", "Status");
        }
    }

    @Test
    void aLockRefusedLockedByABoardThatIsNotLockedStillFails() throws Exception {
        try (SpecBoard board = new SpecBoard(r -> switch (r) {
            case Request.Hello h -> hello(512);
            case Request.Lock l -> new Reply.ErrorReply(ErrorCode.LOCKED, "odd");
            case Request.Status s -> new Reply.StatusReply(BoardState.COMMITTED, null);
            default -> new Reply.ErrorReply(ErrorCode.BAD_STATE, "not expected");
        }); BoardSession session = BoardSession.open(board.hostPort(), QUICK)) {
            BoardException e = catchThrowableOfType(BoardException.class, session::lockCommitted);
            assertThat(e.boardError()).contains(ErrorCode.LOCKED);
        }
    }

    @Test
    void aFalseFrameHeaderBeforeEveryReplyIsSkippedAndTheValidReplyRead() throws Exception {
        // A5 5A then version 0x02: a sync pair whose header fails at its third byte (§2 rule 2).
        try (SpecBoard board = new SpecBoard(r -> switch (r) {
            case Request.Hello h -> hello(512);
            case Request.Status s -> new Reply.StatusReply(BoardState.BLANK, null);
            default -> new Reply.ErrorReply(ErrorCode.BAD_STATE, "not expected");
        }).beforeEveryReply((byte) 0xA5, (byte) 0x5A, (byte) 0x02);
             BoardSession session = BoardSession.open(board.hostPort(), QUICK)) {
            assertThat(session.status().state()).isEqualTo(BoardState.BLANK);
            assertThat(session.stats().retries()).as("each reply read at the first try").isZero();
        }
    }

    private static Reply hello(int maxPayload) {
        return new Reply.HelloReply(1, maxPayload, EnumSet.of(Capability.KEYGEN_ON_DEVICE), StorageKind.FLASH);
    }
}

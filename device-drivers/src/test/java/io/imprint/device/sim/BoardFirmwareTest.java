package io.imprint.device.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.protocol.BoardState;
import io.imprint.device.protocol.CredentialKind;
import io.imprint.device.protocol.ErrorCode;
import io.imprint.device.protocol.KeyType;
import io.imprint.device.protocol.Reply;
import io.imprint.device.protocol.Request;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The board's state machine, without a wire. */
class BoardFirmwareTest {

    @TempDir
    Path dir;
    Flash flash;
    BoardFirmware board;

    @BeforeEach
    void blankBoard() {
        flash = Flash.open(dir.resolve("b.flash"), "SIM-TEST-1");
        board = new BoardFirmware(BoardProfile.keygen(0, Duration.ZERO), flash, FaultMode.NONE);
    }

    static ErrorCode errorOf(Reply r) {
        return r instanceof Reply.ErrorReply(ErrorCode code, String detail) ? code : null;
    }

    Reply put(CredentialKind kind, int total, int offset, int length) {
        return board.handle(new Request.PutCredential(kind, total, offset, new byte[length]));
    }

    @Test
    void credentialsNeedAKeyAndChunksMustArriveInOrder() {
        assertThat(errorOf(put(CredentialKind.DEVICE_CERT, 10, 0, 10))).isEqualTo(ErrorCode.BAD_STATE);
        board.handle(new Request.GenerateKey(KeyType.EC_P256, "SIM-TEST-1"));
        assertThat(flash.state()).isEqualTo(BoardState.KEY_READY);
        assertThat(put(CredentialKind.DEVICE_CERT, 10, 0, 4)).isEqualTo(new Reply.ChunkAck(io.imprint.device.protocol.MessageType.PUT_CREDENTIAL, 4));
        assertThat(errorOf(put(CredentialKind.DEVICE_CERT, 10, 8, 2))).isEqualTo(ErrorCode.BAD_OFFSET);
        assertThat(put(CredentialKind.DEVICE_CERT, 10, 4, 6)).isEqualTo(new Reply.ChunkAck(io.imprint.device.protocol.MessageType.PUT_CREDENTIAL, 10));
        assertThat(flash.state()).isEqualTo(BoardState.STAGED);
        assertThat(errorOf(put(CredentialKind.CA_CHAIN, 5000, 0, 10))).isEqualTo(ErrorCode.STORAGE_FULL);
    }

    @Test
    void lockNeedsACommitAndALockedBoardRefusesAllButHelloIdentifyAndStatus() {
        board.handle(new Request.GenerateKey(KeyType.EC_P256, "SIM-TEST-1"));
        assertThat(errorOf(board.handle(new Request.Commit()))).isEqualTo(ErrorCode.BAD_STATE);
        put(CredentialKind.DEVICE_CERT, 3, 0, 3);
        assertThat(errorOf(board.handle(new Request.Lock()))).isEqualTo(ErrorCode.BAD_STATE);
        assertThat(board.handle(new Request.Commit())).isInstanceOf(Reply.Empty.class);
        assertThat(board.handle(new Request.Lock())).isInstanceOf(Reply.Empty.class);
        assertThat(errorOf(board.handle(new Request.Reset()))).isEqualTo(ErrorCode.LOCKED);
        assertThat(errorOf(board.handle(new Request.GenerateKey(KeyType.EC_P256, "x")))).isEqualTo(ErrorCode.LOCKED);
        assertThat(board.handle(new Request.Identify())).isInstanceOf(Reply.IdentifyReply.class);
        assertThat(board.handle(new Request.Verify(new byte[16]))).as("a locked board still proves its key").isInstanceOf(Reply.VerifyReply.class);
        assertThat(board.handle(new Request.Status())).isEqualTo(new Reply.StatusReply(BoardState.LOCKED, null));
    }

    @Test
    void stagedCredentialsAreLostOnPowerCycleButTheKeyIsNot() {
        board.handle(new Request.GenerateKey(KeyType.EC_P256, "SIM-TEST-1"));
        put(CredentialKind.DEVICE_CERT, 3, 0, 3);
        BoardFirmware afterReplug = new BoardFirmware(BoardProfile.keygen(0, Duration.ZERO), Flash.open(dir.resolve("b.flash"), "ignored"), FaultMode.NONE);
        assertThat(afterReplug.handle(new Request.Status())).isEqualTo(new Reply.StatusReply(BoardState.KEY_READY, null));
        assertThat(afterReplug.handle(new Request.Verify(new byte[16]))).isInstanceOf(Reply.VerifyReply.class);
    }

    @Test
    void resetErasesAnUnlockedBoard() {
        board.handle(new Request.GenerateKey(KeyType.EC_P256, "SIM-TEST-1"));
        board.handle(new Request.Reset());
        assertThat(flash.state()).isEqualTo(BoardState.BLANK);
        assertThat(flash.key()).isEmpty();
        assertThat(errorOf(board.handle(new Request.Verify(new byte[16])))).isEqualTo(ErrorCode.BAD_STATE);
    }

    @Test
    void aRebootKeepsTheKeyButNotTheCsrWhichGetCsrThenRefusesAsBadState() {
        Reply.GenerateKeyReply first = (Reply.GenerateKeyReply) board.handle(new Request.GenerateKey(KeyType.EC_P256, "SIM-TEST-1"));
        assertThat(errorOf(board.handle(new Request.GetCsr(first.csrTotal())))).as("offset = csrTotal (§6.4)").isEqualTo(ErrorCode.BAD_OFFSET);
        BoardFirmware afterReplug = new BoardFirmware(BoardProfile.keygen(0, Duration.ZERO), Flash.open(dir.resolve("b.flash"), "ignored"), FaultMode.NONE);
        assertThat(afterReplug.handle(new Request.Status())).isEqualTo(new Reply.StatusReply(BoardState.KEY_READY, null));
        assertThat(errorOf(afterReplug.handle(new Request.GetCsr(0)))).isEqualTo(ErrorCode.BAD_STATE);
    }

    @Test
    void csrChunksAreSizedToTheHostsMaxPayloadAndAHostBelow128IsUnsupported() {
        assertThat(errorOf(board.handle(new Request.Hello(1, 127)))).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(board.handle(new Request.Hello(1, 128))).isInstanceOf(Reply.HelloReply.class);
        Reply.GenerateKeyReply first = (Reply.GenerateKeyReply) board.handle(new Request.GenerateKey(KeyType.EC_P256, "SIM-TEST-1"));
        assertThat(first.firstChunk()).hasSize(126);
        assertThat(((Reply.GetCsrReply) board.handle(new Request.GetCsr(126))).chunk()).hasSize(Math.min(128, first.csrTotal() - 126));
    }

    @Test
    void anErrorDetailIsCutToItsFirst128BytesAfterNonPrintablesBecomeQuestionMarks() {
        assertThat(VirtualBoard.truncate("\u00e9" + "x".repeat(200))).isEqualTo("?" + "x".repeat(127));
    }
}

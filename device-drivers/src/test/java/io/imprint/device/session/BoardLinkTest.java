package io.imprint.device.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.device.protocol.DecodeResult;
import io.imprint.device.protocol.ErrorCode;
import io.imprint.device.protocol.Frame;
import io.imprint.device.protocol.FrameCodec;
import io.imprint.device.protocol.FrameDecoder;
import io.imprint.device.protocol.Reply;
import io.imprint.device.protocol.Request;
import io.imprint.device.transport.PortIdentity;
import io.imprint.device.transport.Transport;
import io.imprint.device.transport.TransportException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The host's retry logic against a scripted board: each request frame is answered by the next script step. */
class BoardLinkTest {

    /** A transport whose far end answers each request frame with whatever the script says. */
    static final class ScriptedBoard implements Transport {
        final Deque<Function<Frame, byte[]>> script = new ArrayDeque<>();
        final List<Frame> received = new ArrayList<>();
        final FrameDecoder decoder = new FrameDecoder();
        final Deque<Byte> outgoing = new ArrayDeque<>();

        @Override
        public PortIdentity identity() {
            return PortIdentity.ofPath("scripted");
        }

        @Override
        public void open() {
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length, Duration timeout) {
            int n = 0;
            while (n < length && !outgoing.isEmpty()) {
                buffer[offset + n++] = outgoing.poll();
            }
            return n;
        }

        @Override
        public synchronized void write(byte[] data, int offset, int length) throws TransportException {
            decoder.feed(data, offset, length);
            for (DecodeResult r = decoder.poll(); r instanceof DecodeResult.Decoded(Frame f); r = decoder.poll()) {
                received.add(f);
                if (script.isEmpty()) {
                    throw new TransportException("scripted", TransportException.Kind.DISCONNECTED, 0, "script ended");
                }
                for (byte b : script.poll().apply(f)) {
                    outgoing.add(b);
                }
            }
        }

        @Override
        public void close() {
        }
    }

    static byte[] reply(Frame request, Reply reply) {
        return FrameCodec.encode(new Frame(reply.frameType(), request.seq(), reply.encode()));
    }

    static final Reply STATUS = new Reply.StatusReply(io.imprint.device.protocol.BoardState.BLANK, null);
    static final LinkTiming FAST = new LinkTiming(115200, Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(50), 3);

    @Test
    void aCorruptReplyIsRetriedWithTheSameSequenceNumber() throws Exception {
        ScriptedBoard board = new ScriptedBoard();
        board.script.add(f -> {
            byte[] bad = reply(f, STATUS);
            bad[bad.length - 1] ^= 1;
            return bad;
        });
        board.script.add(f -> reply(f, STATUS));
        BoardLink link = new BoardLink(board, FAST);
        assertThat(link.exchange(new Request.Status())).isEqualTo(STATUS);
        assertThat(board.received).hasSize(2);
        assertThat(board.received.get(1).seq()).isEqualTo(board.received.get(0).seq());
        assertThat(link.stats().retries()).isEqualTo(1);
    }

    @Test
    void aLateReplyToAnEarlierSequenceIsIgnored() throws Exception {
        ScriptedBoard board = new ScriptedBoard();
        board.script.add(f -> {
            byte[] stale = FrameCodec.encode(new Frame(STATUS.frameType(), (f.seq() - 1) & 0xFF, STATUS.encode()));
            byte[] good = reply(f, new Reply.StatusReply(io.imprint.device.protocol.BoardState.LOCKED, null));
            byte[] both = new byte[stale.length + good.length];
            System.arraycopy(stale, 0, both, 0, stale.length);
            System.arraycopy(good, 0, both, stale.length, good.length);
            return both;
        });
        assertThat(new BoardLink(board, FAST).exchange(new Request.Status()))
                .isEqualTo(new Reply.StatusReply(io.imprint.device.protocol.BoardState.LOCKED, null));
    }

    @Test
    void aBusyBoardIsAskedAgainAndSilenceEndsInATimeoutAfterFourTries() throws Exception {
        ScriptedBoard busy = new ScriptedBoard();
        busy.script.add(f -> reply(f, new Reply.ErrorReply(ErrorCode.BUSY, "writing flash")));
        busy.script.add(f -> reply(f, STATUS));
        assertThat(new BoardLink(busy, FAST).exchange(new Request.Status())).isEqualTo(STATUS);

        ScriptedBoard silent = new ScriptedBoard();
        for (int i = 0; i < 4; i++) {
            silent.script.add(f -> new byte[0]);
        }
        assertThatThrownBy(() -> new BoardLink(silent, FAST).exchange(new Request.Status()))
                .isInstanceOfSatisfying(BoardException.class, e -> assertThat(e.reason()).isEqualTo(BoardException.Reason.TIMEOUT))
                .hasMessageStartingWith("scripted: no valid reply to STATUS after 4 tries");
        assertThat(silent.received).hasSize(4);
    }
}

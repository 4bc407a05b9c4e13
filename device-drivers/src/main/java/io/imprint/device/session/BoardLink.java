package io.imprint.device.session;

import io.imprint.device.protocol.DecodeResult;
import io.imprint.device.protocol.ErrorCode;
import io.imprint.device.protocol.Frame;
import io.imprint.device.protocol.FrameCodec;
import io.imprint.device.protocol.FrameDecoder;
import io.imprint.device.protocol.MessageType;
import io.imprint.device.protocol.ProtocolException;
import io.imprint.device.protocol.Reply;
import io.imprint.device.protocol.Request;
import io.imprint.device.transport.Transport;
import io.imprint.device.transport.TransportException;
import java.time.Duration;

/**
 * Stop-and-wait request/reply over a transport: one request frame, exactly one reply frame with the
 * same sequence number. A timeout or a corrupt reply sends the request again with the same sequence
 * number, which the board answers from its cache without acting twice.
 *
 * <p>One thread exchanges at a time; {@link #cancel()} may come from any thread.
 */
final class BoardLink {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BoardLink.class);

    private final Transport transport;
    private final LinkTiming timing;
    private final FrameDecoder decoder = new FrameDecoder();
    private final byte[] readBuffer = new byte[1024];
    private final Duration frameGap;
    private int seq;
    private volatile boolean cancelled;
    private long bytesSent;
    private long bytesReceived;
    private long payloadSent;
    private long payloadReceived;
    private int retries;
    private int busyReplies;
    /** The largest payload the board takes (its HELLO reply, §5); 512 until it has said. */
    private int boardMaxPayload = FrameCodec.MAX_PAYLOAD;

    /** First pause after a BUSY reply (§4); it doubles after each further BUSY, up to {@link #BUSY_PAUSE_MAX}. */
    static final Duration BUSY_PAUSE_FIRST = Duration.ofMillis(100);
    static final Duration BUSY_PAUSE_MAX = Duration.ofSeconds(1);

    BoardLink(Transport transport, LinkTiming timing) {
        this.transport = transport;
        this.timing = timing;
        this.frameGap = timing.baseTimeout().plus(timing.transmission(FrameCodec.MAX_FRAME));
    }

    String port() {
        return transport.identity().path();
    }

    /** From the board's HELLO reply on, no request larger than {@code maxPayload} goes out (§5). */
    void boardAccepts(int maxPayload) {
        boardMaxPayload = Math.min(FrameCodec.MAX_PAYLOAD, maxPayload);
    }

    /**
     * Sends {@code request} and returns the board's reply, an ERROR reply included. Lost or corrupt
     * replies are retried with the same seq ({@link LinkTiming#retries()} times); BUSY replies are not
     * attempts: the request is asked again after a pause that grows from 100 ms to 1 s, as long as
     * {@link LinkTiming#busyBudget()} has not passed since the first BUSY; a BUSY after that is
     * returned (§4).
     */
    Reply exchange(Request request) throws BoardException {
        byte[] payload = request.encode();
        if (payload.length > boardMaxPayload) {
            // A board drops a frame longer than its maxPayload unanswered (§2): never send one.
            throw new BoardException(port(), BoardException.Reason.PROTOCOL, request.type() + " of " + payload.length
                    + " payload bytes is more than the board accepts (" + boardMaxPayload + ", PROTOCOL.md §5): not sent");
        }
        seq = (seq + 1) & 0xFF;
        byte[] frame = FrameCodec.encode(new Frame(request.type().code(), seq, payload));
        Duration timeout = timeoutFor(request.type(), frame.length);
        long busySince = 0;
        Duration busyPause = BUSY_PAUSE_FIRST;
        int attempt = 0;
        while (true) {
            send(frame, payload.length);
            Frame reply = awaitReply(timeout);
            if (reply == null) {
                if (attempt++ == timing.retries()) {
                    break;
                }
                retries++;
                LOG.debug("{}: no valid reply to {} (seq {}), sending it again ({} of {})", port(), request.type(), seq, attempt, timing.retries());
                continue;
            }
            Reply decoded;
            try {
                decoded = Reply.decode(request.type(), reply.type(), reply.payload());
            } catch (ProtocolException e) {
                throw new BoardException(port(), BoardException.Reason.PROTOCOL, null,
                        "board sent a malformed " + request.type() + " reply: " + e.getMessage(), e);
            }
            if (decoded instanceof Reply.ErrorReply(ErrorCode code, String detail) && code == ErrorCode.BUSY) {
                // The board heard us and is finishing earlier work (at most the longest operation): ask
                // again soon rather than after this request's whole timeout, and not as a lost-frame retry.
                long now = System.nanoTime();
                if (busySince == 0) {
                    busySince = now;
                }
                if (now - busySince > timing.busyBudget().toNanos()) {
                    return decoded;
                }
                busyReplies++;
                pauseFor(busyPause);
                busyPause = busyPause.multipliedBy(2).compareTo(BUSY_PAUSE_MAX) > 0 ? BUSY_PAUSE_MAX : busyPause.multipliedBy(2);
                continue;
            }
            return decoded;
        }
        throw new BoardException(port(), BoardException.Reason.TIMEOUT,
                "no valid reply to " + request.type() + " after " + (timing.retries() + 1) + " tries ("
                        + decoder.crcErrors() + " corrupt frames): check the cable and re-seat the board");
    }

    /** BUSY replies this link was given (§4), for tests and the log. */
    int busyReplies() {
        return busyReplies;
    }

    private void pauseFor(Duration pause) throws BoardException {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BoardException(port(), BoardException.Reason.CANCELLED, null, "interrupted", e);
        }
    }

    private Duration timeoutFor(MessageType type, int requestBytes) {
        Duration base = switch (type) {
            case GENERATE_KEY -> timing.keygenTimeout();
            case COMMIT -> timing.commitTimeout();
            default -> timing.baseTimeout();
        };
        return base.plus(timing.transmission(requestBytes + FrameCodec.MAX_FRAME));
    }

    private void send(byte[] frame, int payloadLength) throws BoardException {
        checkCancelled();
        try {
            transport.write(frame);
            bytesSent += frame.length;
            payloadSent += payloadLength;
        } catch (TransportException e) {
            throw fromTransport(e);
        }
    }

    /** The reply to the current sequence number, or null on timeout or a corrupt frame (then the caller retries). */
    private Frame awaitReply(Duration timeout) throws BoardException {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean corrupt = false;
        while (true) {
            for (DecodeResult r = decoder.poll(); ; r = decoder.poll()) {
                if (r instanceof DecodeResult.Decoded(Frame f)) {
                    bytesReceived += f.payload().length + FrameCodec.HEADER_LENGTH + FrameCodec.CRC_LENGTH;
                    if (f.seq() == seq) {
                        payloadReceived += f.payload().length;
                        return f;
                    }
                    // A late reply to an earlier try: already answered, ignore.
                } else if (r instanceof DecodeResult.Error) {
                    // §2: the decoder dropped only the false frame's first sync byte; the real reply may be
                    // right behind it in what is buffered, so look on before retrying.
                    corrupt = true;
                } else if (corrupt && r instanceof DecodeResult.Idle) {
                    return null; // nothing valid behind the bad frame: retry at once (§3)
                } else {
                    break;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            checkCancelled();
            int n;
            try {
                n = transport.read(readBuffer, 0, readBuffer.length, Duration.ofNanos(Math.min(left, 200_000_000L)));
            } catch (TransportException e) {
                throw fromTransport(e);
            }
            decoder.feed(readBuffer, 0, n);
            if (n > 0) {
                // The board has started answering: a reply that stops half-way is not worth the whole
                // (key generation sized) timeout, only the time a full frame takes plus the base gap.
                deadline = Math.min(deadline, System.nanoTime() + frameGap.toNanos());
            }
        }
    }

    private BoardException fromTransport(TransportException e) {
        if (cancelled) {
            return new BoardException(port(), BoardException.Reason.CANCELLED, null, "session cancelled", e);
        }
        return switch (e.kind()) {
            case DISCONNECTED, CLOSED, NOT_FOUND -> new BoardException(port(), BoardException.Reason.DISCONNECTED, null,
                    "board disconnected: re-seat the board and retry", e);
            default -> new BoardException(port(), BoardException.Reason.PROTOCOL, null, "line error: " + e.getMessage(), e);
        };
    }

    private void checkCancelled() throws BoardException {
        if (cancelled) {
            throw new BoardException(port(), BoardException.Reason.CANCELLED, "session cancelled");
        }
    }

    /** Stops the session: a blocked read is woken by closing the transport. */
    void cancel() {
        cancelled = true;
        transport.close();
    }

    LinkStats stats() {
        return new LinkStats(bytesSent, bytesReceived, payloadSent, payloadReceived, retries, decoder.crcErrors());
    }
}

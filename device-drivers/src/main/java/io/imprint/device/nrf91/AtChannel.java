package io.imprint.device.nrf91;

import io.imprint.device.session.BoardException;
import io.imprint.device.session.LinkStats;
import io.imprint.device.session.LinkTiming;
import io.imprint.device.transport.Transport;
import io.imprint.device.transport.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One AT command at a time over a {@link Transport}: send it, collect its lines up to the final result,
 * skipping network events and an echo of the command.
 *
 * <p>Commands are never sent twice: a %KEYGEN or %CMNG write whose OK was lost would answer a resend
 * with 519, so a timeout is final. Each command waits for its own time: the base timeout for questions,
 * the commit timeout for what writes modem flash (CFUN, %CMNG write and delete), the key generation
 * timeout for %KEYGEN; plus the time its bytes take at the link's baud rate.
 *
 * <p>Not thread-safe: one thread sends commands, except {@link #cancel()}, which any thread may call.
 */
final class AtChannel {

    /** A %KEYGEN answer is about 700 characters; time its return at the baud rate too. */
    private static final int LONG_ANSWER_BYTES = 1024;
    private static final int SHORT_ANSWER_BYTES = 128;

    private final Transport transport;
    private final LinkTiming timing;
    private final String port;
    private final AtLines lines = new AtLines();
    private final byte[] buffer = new byte[1024];
    private volatile boolean cancelled;
    private long bytesSent;
    private long overlongLines;

    AtChannel(Transport transport, LinkTiming timing) {
        this.transport = transport;
        this.timing = timing;
        this.port = transport.identity().path();
    }

    /** Sends one command and collects its answer up to the final result, whatever it is. */
    AtResponse execute(AtCommand command) throws BoardException {
        checkCancelled();
        drainStale();
        byte[] bytes = command.bytes();
        Duration timeout = timeoutFor(command, bytes.length);
        try {
            transport.write(bytes);
            bytesSent += bytes.length;
        } catch (TransportException e) {
            throw fromTransport(command, e);
        }
        List<String> info = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Optional<AtLine> next = lines.poll(); next.isPresent(); next = lines.poll()) {
                switch (next.get()) {
                    case AtLine.Final result -> {
                        return new AtResponse(info, result);
                    }
                    case AtLine.Info(String text) -> {
                        // A modem with echo on repeats the command first; that line is no answer.
                        if (!text.equals(command.wire())) {
                            info.add(text);
                        }
                    }
                    case AtLine.Overlong(int length) -> {
                        overlongLines++;
                        throw Nrf91Failures.malformed(port, command, "a " + length + "-character line");
                    }
                    case AtLine.Unsolicited _ -> {
                        // Network events arrive whenever the modem likes; they answer nothing.
                    }
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw Nrf91Failures.timeout(port, command, timeout.toMillis());
            }
            checkCancelled();
            read(command, Duration.ofNanos(Math.min(left, 200_000_000L)));
        }
    }

    /** Whatever arrived since the last answer (an unsolicited line, a late answer) answers nothing now. */
    private void drainStale() throws BoardException {
        try {
            for (int n = transport.read(buffer, 0, buffer.length, Duration.ZERO); n > 0; n = transport.read(buffer, 0, buffer.length, Duration.ZERO)) {
                lines.feed(buffer, 0, n);
            }
        } catch (TransportException e) {
            throw fromTransport(AtCommand.plain("AT"), e);
        }
        lines.reset();
    }

    private void read(AtCommand command, Duration wait) throws BoardException {
        try {
            int n = transport.read(buffer, 0, buffer.length, wait);
            lines.feed(buffer, 0, n);
        } catch (TransportException e) {
            throw fromTransport(command, e);
        }
    }

    private Duration timeoutFor(AtCommand command, int requestBytes) {
        Duration base = switch (command.op()) {
            case KEYGEN -> timing.keygenTimeout();
            case OFFLINE, WRITE, DELETE -> timing.commitTimeout();
            case PLAIN, LIST -> timing.baseTimeout();
        };
        int answerBytes = command.op() == AtCommand.Op.KEYGEN || command.op() == AtCommand.Op.LIST ? LONG_ANSWER_BYTES : SHORT_ANSWER_BYTES;
        return base.plus(timing.transmission(requestBytes + answerBytes));
    }

    private BoardException fromTransport(AtCommand command, TransportException e) {
        if (cancelled) {
            return Nrf91Failures.cancelled(port);
        }
        return switch (e.kind()) {
            case DISCONNECTED, CLOSED, NOT_FOUND -> Nrf91Failures.disconnected(port, command);
            case BUSY, IO -> Nrf91Failures.lineError(port, command, e);
        };
    }

    private void checkCancelled() throws BoardException {
        if (cancelled) {
            throw Nrf91Failures.cancelled(port);
        }
    }

    /** Ends the current command from any thread: closing the transport wakes a blocked read. */
    void cancel() {
        cancelled = true;
        transport.close();
    }

    /** Bytes both ways; AT has no framing, so payload counts are the byte counts. */
    LinkStats stats() {
        long received = lines.bytesSeen();
        return new LinkStats(bytesSent, received, bytesSent, received, 0, overlongLines);
    }

}

package io.imprint.device.session;

import io.imprint.device.protocol.DecodeResult;
import io.imprint.device.protocol.Frame;
import io.imprint.device.protocol.FrameCodec;
import io.imprint.device.protocol.Reply;
import io.imprint.device.protocol.Request;
import io.imprint.device.pty.PtyPair;
import io.imprint.device.protocol.FrameDecoder;
import io.imprint.device.serial.JSerialCommPort;
import io.imprint.device.serial.SerialSettings;
import io.imprint.device.transport.PortIdentity;
import io.imprint.device.transport.Transport;
import io.imprint.device.transport.TransportException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A board scripted from PROTOCOL.md alone, on the board's end of a real pty: every request decoded,
 * answered by the test's script (a reply per request, as the spec allows), each reply framed with the
 * request's seq. What the host sent is kept for the test to read.
 *
 * <p>Thread-safe: the script runs on the board's own thread; {@link #heard()} from any.
 */
final class SpecBoard implements AutoCloseable {

    private final PtyPair pty;
    private final Function<Request, Reply> script;
    private volatile byte[] beforeEveryReply = new byte[0];
    private final List<Request> heard = new CopyOnWriteArrayList<>();
    private final List<Integer> payloadSizes = new CopyOnWriteArrayList<>();
    private volatile int receiveLimit = FrameCodec.MAX_PAYLOAD;
    private volatile int dropped;
    private final Thread thread;
    private volatile boolean running = true;

    SpecBoard(Function<Request, Reply> script) throws TransportException {
        this.pty = PtyPair.open();
        this.script = script;
        pty.master().open();
        this.thread = Thread.ofPlatform().daemon().name("spec-board").start(this::run);
    }

    /** The host's side: the pty's slave through jSerialComm, as the station opens a serial board. */
    Transport hostPort() {
        return new JSerialCommPort(PortIdentity.ofPath(pty.slavePath()), SerialSettings.of(115200));
    }

    /** Bytes the board's line carries before each reply: noise, a false frame header. */
    SpecBoard beforeEveryReply(byte... bytes) {
        beforeEveryReply = bytes.clone();
        return this;
    }

    /**
     * The board's own maxPayload as its receiver enforces it (§2 rule 2): a frame with a longer payload
     * is a bad frame, dropped unanswered and counted in {@link #dropped()}.
     */
    SpecBoard receiveLimit(int maxPayload) {
        receiveLimit = maxPayload;
        return this;
    }

    /** Frames dropped for being longer than {@link #receiveLimit}. */
    int dropped() {
        return dropped;
    }

    /** The payload length of every frame the board received, in order, dropped ones too. */
    List<Integer> payloadSizes() {
        return List.copyOf(payloadSizes);
    }

    List<Request> heard() {
        return List.copyOf(heard);
    }

    private void run() {
        FrameDecoder decoder = new FrameDecoder();
        byte[] buffer = new byte[1024];
        try {
            while (running) {
                int n = pty.master().read(buffer, 0, buffer.length, Duration.ofMillis(100));
                decoder.feed(buffer, 0, n);
                for (DecodeResult r = decoder.poll(); r instanceof DecodeResult.Decoded(Frame f); r = decoder.poll()) {
                    payloadSizes.add(f.payloadLength());
                    if (f.payloadLength() > receiveLimit) {
                        dropped++;
                        continue;
                    }
                    Request request = Request.decode(f.type(), f.payload());
                    heard.add(request);
                    Reply reply = script.apply(request);
                    if (reply != null) {
                        byte[] frame = FrameCodec.encode(reply.toFrame(f.seq()));
                        byte[] line = java.util.Arrays.copyOf(beforeEveryReply, beforeEveryReply.length + frame.length);
                        System.arraycopy(frame, 0, line, beforeEveryReply.length, frame.length);
                        pty.master().write(line);
                    }
                }
            }
        } catch (Exception e) {
            // closed, or the script gave up: the host sees silence
        }
    }

    @Override
    public void close() {
        running = false;
        pty.close();
    }
}

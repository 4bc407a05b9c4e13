package io.imprint.device.sim;

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
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A virtual board on the board's end of a wire (a pty master): decodes frames, answers them through
 * its {@link BoardFirmware}, resends its cached reply to a repeated sequence number, paces every byte
 * to its baud rate in both directions, and misbehaves on the wire as its {@link FaultMode} says.
 *
 * <p>Runs on its own thread; {@link #close()} and {@link #fault} may be called from any thread.
 */
public final class VirtualBoard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VirtualBoard.class);

    private final Transport wire;
    private final BoardFirmware firmware;
    private final BoardProfile profile;
    private final Thread thread;
    private volatile boolean running = true;
    /** The request the firmware is working on, null between requests. */
    private volatile MessageType handling;
    private boolean identified;
    private int lastSeq = -1;
    private int lastType = -1;
    private byte[] lastReply;

    VirtualBoard(String name, Transport wire, BoardFirmware firmware, BoardProfile profile) {
        this.wire = wire;
        this.firmware = firmware;
        this.profile = profile;
        this.thread = Thread.ofPlatform().daemon().name("virtual-board-" + name).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    public void fault(FaultMode mode) {
        firmware.fault(mode);
    }

    /**
     * The request the board is working on right now (GENERATE_KEY for as long as its key takes), empty
     * between requests: how a test knows the station is waiting on the board, without timing it.
     */
    public java.util.Optional<MessageType> handling() {
        return java.util.Optional.ofNullable(handling);
    }

    /** Whether the board is still on the wire (an UNPLUG fault or a close takes it off). */
    public boolean plugged() {
        return running && thread.isAlive();
    }

    private void run() {
        FrameDecoder decoder = new FrameDecoder();
        byte[] buffer = new byte[1024];
        try {
            wire.open();
            while (running) {
                // close() wakes the read at once; the timeout only bounds how long a stuck wire goes unnoticed.
                int n = wire.read(buffer, 0, buffer.length, Duration.ofSeconds(5));
                decoder.feed(buffer, 0, n);
                for (DecodeResult r = decoder.poll(); r instanceof DecodeResult.Decoded || r instanceof DecodeResult.Error; r = decoder.poll()) {
                    if (r instanceof DecodeResult.Decoded(Frame frame) && running) {
                        pace(frame.payload().length + FrameCodec.HEADER_LENGTH + FrameCodec.CRC_LENGTH, System.nanoTime());
                        answer(frame);
                    }
                }
            }
        } catch (TransportException e) {
            if (running) {
                LOG.debug("virtual board on {} stopped: {}", wire.identity().path(), e.getMessage());
            }
        } finally {
            running = false;
        }
    }

    private void answer(Frame frame) throws TransportException {
        // HELLO starts a new conversation: never a duplicate (PROTOCOL.md).
        if (frame.seq() == lastSeq && frame.type() == lastType && lastReply != null && frame.type() != MessageType.HELLO.code()) {
            transmit(lastReply, MessageType.ofCode(frame.type()).orElse(null));
            return;
        }
        MessageType type = MessageType.ofCode(frame.type()).orElse(null);
        Reply reply;
        if (type == null) {
            reply = BoardFirmware.error(ErrorCode.UNKNOWN_TYPE, "type 0x" + Integer.toHexString(frame.type()));
        } else {
            handling = type;
            try {
                reply = firmware.handle(Request.decode(frame.type(), frame.payload()));
            } catch (ProtocolException e) {
                reply = BoardFirmware.error(ErrorCode.MALFORMED, truncate(e.getMessage()));
            } finally {
                handling = null;
            }
        }
        byte[] bytes = FrameCodec.encode(new Frame(reply.frameType(), frame.seq(), reply.encode()));
        lastSeq = frame.seq();
        lastType = frame.type();
        lastReply = bytes;
        transmit(bytes, type);
        if (type == MessageType.IDENTIFY) {
            identified = true;
        }
    }

    private void transmit(byte[] frame, MessageType request) throws TransportException {
        FaultMode fault = identified ? firmware.fault() : FaultMode.NONE;
        byte[] out = frame;
        switch (fault) {
            case STALL -> {
                return;
            }
            case DROP_BYTES -> {
                out = new byte[frame.length - 1];
                int cut = frame.length / 2;
                System.arraycopy(frame, 0, out, 0, cut);
                System.arraycopy(frame, cut + 1, out, cut, frame.length - cut - 1);
            }
            case CORRUPT_CRC -> {
                out = frame.clone();
                out[out.length - 1] ^= 0x01;
            }
            case UNPLUG_MID_WRITE -> {
                if (request == MessageType.PUT_CREDENTIAL) {
                    write(Arrays.copyOf(frame, frame.length / 2));
                    running = false;
                    wire.close();
                    return;
                }
            }
            default -> {
            }
        }
        write(out);
    }

    /** Writes at the baud rate: a byte every 10 bit-times, in small slices so the pacing stays even. */
    private void write(byte[] data) throws TransportException {
        if (profile.baudRate() <= 0) {
            wire.write(data);
            return;
        }
        long start = System.nanoTime();
        for (int off = 0; off < data.length; off += 32) {
            int len = Math.min(32, data.length - off);
            pace(off + len, start);
            wire.write(data, off, len);
        }
    }

    private void pace(int bytes, long since) {
        if (profile.baudRate() > 0) {
            long due = since + bytes * 10L * 1_000_000_000L / profile.baudRate();
            for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
        }
    }

    /** PROTOCOL.md §6.12: non-printable bytes become '?', then the first 128 bytes are sent. */
    static String truncate(String s) {
        String ascii = s.replaceAll("[^\\x20-\\x7E]", "?");
        return ascii.length() > Reply.ErrorReply.MAX_DETAIL ? ascii.substring(0, Reply.ErrorReply.MAX_DETAIL) : ascii;
    }

    /** Takes the board off the wire. */
    @Override
    public void close() {
        running = false;
        wire.close();
        // A board unplugged while it makes its key stops making it: without this, close waits out the latency.
        LockSupport.unpark(thread);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

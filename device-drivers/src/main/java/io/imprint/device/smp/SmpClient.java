package io.imprint.device.smp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imprint.device.session.BoardException;
import io.imprint.device.session.LinkStats;
import io.imprint.device.session.LinkTiming;
import io.imprint.device.session.OperatorAdvice;
import io.imprint.device.transport.Transport;
import io.imprint.device.transport.TransportException;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * MCUmgr SMP requests over a serial console: the OS group's echo and reset, the file system group's upload,
 * download and SHA-256. Stop-and-wait: each request waits for the reply with its group, command and
 * sequence number; replies to earlier tries are skipped. A timeout or a corrupt reply sends the request
 * again, at most {@link LinkTiming#retries()} times.
 *
 * <p>Requests go out as SMP v2 (header version 1), so a current Zephyr names file system failures with the
 * group's own codes; replies in either error style are understood.
 *
 * <p>The MTU is the most a board reassembles of one packet, length field and CRC included; each request
 * packet stays within it. Zephyr 2.x boards take 256.
 *
 * <p>Not thread-safe: one thread makes requests; {@link #cancel()} may come from any thread.
 */
public final class SmpClient {

    public static final int DEFAULT_MTU = 256;
    /** The OS group, of echo (command 0) and reset (command 5). */
    public static final int GROUP_OS = 0;
    public static final int OS_ECHO = 0;
    public static final int OS_RESET = 5;
    /** File system group ({@link FsRc#GROUP}) commands: file upload (write) and download (read), and hash. */
    public static final int FS_FILE = 0;
    public static final int FS_HASH = 2;
    /** A downloaded file larger than this is not an identity or credential file: stop rather than fill memory. */
    static final int MAX_DOWNLOAD = 1 << 20;
    /** SMP v2 in the header; a board that only knows v1 answers in v1, which is read as well. */
    private static final int VERSION = 1;

    private final Transport transport;
    private final LinkTiming timing;
    private final int mtu;
    private final SmpDecoder decoder = new SmpDecoder();
    private final byte[] readBuffer = new byte[512];
    private int seq;
    private volatile boolean cancelled;
    private long bytesSent;
    private long bytesReceived;
    private long payloadSent;
    private long payloadReceived;
    private int retries;

    /** A client on an already open transport. */
    public SmpClient(Transport transport, LinkTiming timing, int mtu) {
        if (mtu < 64) {
            throw new IllegalArgumentException("an SMP MTU of " + mtu + " bytes cannot carry a file upload");
        }
        this.transport = transport;
        this.timing = timing;
        this.mtu = mtu;
    }

    public String port() {
        return transport.identity().path();
    }

    /** OS echo: what the board sends back for {@code text}. */
    public String echo(String text) throws BoardException {
        ObjectNode body = SmpCbor.object().put("d", text);
        JsonNode reply = exchange(SmpHeader.Op.WRITE, GROUP_OS, OS_ECHO, body, "echo", "");
        JsonNode r = reply.get("r");
        if (r == null || !r.isTextual()) {
            throw malformed("echo", "no text \"r\"");
        }
        return r.asText();
    }

    /** OS reset: the board answers, then restarts. */
    public void reset() throws BoardException {
        exchange(SmpHeader.Op.WRITE, GROUP_OS, OS_RESET, SmpCbor.object(), "resetting the board", "");
    }

    /**
     * Writes {@code data} to the board's file {@code name}, replacing it, in as few packets as the MTU
     * allows. The copies this makes of {@code data} are wiped before it returns; {@code data} is left as is.
     */
    public void upload(String name, byte[] data) throws BoardException {
        String what = "writing " + name;
        int off = 0;
        do {
            int n = Math.min(chunkFor(name, off, data.length, what), data.length - off);
            byte[] chunk = Arrays.copyOfRange(data, off, off + n);
            try {
                ObjectNode body = uploadBody(name, off, data.length, chunk);
                JsonNode reply = exchange(SmpHeader.Op.WRITE, FsRc.GROUP, FS_FILE, body, what, name);
                JsonNode next = reply.get("off");
                if (next == null || !next.canConvertToLong() || next.asLong() <= off && n > 0 || next.asLong() > data.length) {
                    throw malformed(what, "upload reply offset " + next + " after sending " + (off + n) + " of " + data.length + " bytes");
                }
                off = (int) next.asLong();
            } finally {
                Arrays.fill(chunk, (byte) 0);
            }
        } while (off < data.length);
    }

    /** The whole of the board's file {@code name}. */
    public byte[] download(String name) throws BoardException {
        String what = "reading " + name;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long length = -1;
        do {
            ObjectNode body = SmpCbor.object().put("name", name).put("off", out.size());
            JsonNode reply = exchange(SmpHeader.Op.READ, FsRc.GROUP, FS_FILE, body, what, name);
            if (out.size() == 0) {
                JsonNode len = reply.get("len");
                if (len == null || !len.canConvertToLong() || len.asLong() < 0 || len.asLong() > MAX_DOWNLOAD) {
                    throw malformed(what, "first download reply has no usable \"len\": " + len);
                }
                length = len.asLong();
            }
            JsonNode off = reply.get("off");
            byte[] data = bytes(reply, "data");
            if (off == null || off.asLong(-1) != out.size() || data == null || data.length == 0 && out.size() < length
                    || out.size() + data.length > length) {
                throw malformed(what, "download reply at offset " + off + " does not continue the " + out.size()
                        + " of " + length + " bytes read");
            }
            out.writeBytes(data);
        } while (out.size() < length);
        return out.toByteArray();
    }

    /** The board's SHA-256 of its file {@code name}. */
    public byte[] sha256(String name) throws BoardException {
        String what = "hashing " + name;
        ObjectNode body = SmpCbor.object().put("name", name).put("type", "sha256");
        return hashIn(exchange(SmpHeader.Op.READ, FsRc.GROUP, FS_HASH, body, what, name), what);
    }

    /** The board's SHA-256 of its file {@code name}, or empty if the board says it has no such file. */
    public Optional<byte[]> sha256IfPresent(String name) throws BoardException {
        String what = "hashing " + name;
        ObjectNode body = SmpCbor.object().put("name", name).put("type", "sha256");
        SmpPacket reply = request(SmpHeader.Op.READ, FsRc.GROUP, FS_HASH, body, what);
        Optional<SmpError> error = SmpError.in(reply.body());
        if (error.isPresent() && isMissing(error.get())) {
            return Optional.empty();
        }
        return Optional.of(hashIn(checked(reply, what, name), what));
    }

    private static boolean isMissing(SmpError error) {
        return switch (error) {
            case SmpError.Mgmt m -> m.code().orElse(SmpRc.UNKNOWN) == SmpRc.NO_ENTRY;
            case SmpError.FileSystem f -> f.code().orElse(FsRc.UNKNOWN) == FsRc.FILE_NOT_FOUND;
            case SmpError.Group g -> false;
        };
    }

    private byte[] hashIn(JsonNode reply, String what) throws BoardException {
        byte[] output = bytes(reply, "output");
        if (output == null || output.length != 32 || !"sha256".equals(reply.path("type").asText("sha256"))) {
            throw malformed(what, "hash reply has no 32-byte SHA-256 \"output\"");
        }
        return output;
    }

    public LinkStats stats() {
        return new LinkStats(bytesSent, bytesReceived, payloadSent, payloadReceived, retries, decoder.errors());
    }

    /** Ends the current request from any thread: closing the transport wakes a blocked read. */
    public void cancel() {
        cancelled = true;
        transport.close();
    }

    private static ObjectNode uploadBody(String name, int off, int total, byte[] chunk) {
        ObjectNode body = SmpCbor.object().put("off", off).put("data", chunk).put("name", name);
        if (off == 0) {
            body.put("len", total);
        }
        return body;
    }

    /** The most data bytes an upload request at {@code off} can carry within the MTU. */
    private int chunkFor(String name, int off, int total, String what) throws BoardException {
        int budget = mtu - SmpFrames.OVERHEAD - SmpHeader.LENGTH;
        // The body without data, its byte string header included (one byte for an empty one).
        int base = SmpCbor.encode(uploadBody(name, off, total, new byte[0])).length;
        int n = budget - base;
        while (n > 0 && base + n + bstrHeader(n) - 1 > budget) {
            n--;
        }
        if (n <= 0) {
            throw new BoardException(port(), BoardException.Reason.UNSUPPORTED, what + ": an SMP MTU of " + mtu
                    + " bytes leaves no room for data next to the file name",
                    new OperatorAdvice("The SMP MTU setting is too small for the file name " + name,
                            "Raise the SMP MTU setting for this board, then retry"));
        }
        return n;
    }

    private static int bstrHeader(int n) {
        return n < 24 ? 1 : n < 256 ? 2 : n < 65536 ? 3 : 5;
    }

    private static byte[] bytes(JsonNode reply, String field) {
        JsonNode node = reply.get(field);
        if (node == null || !node.isBinary()) {
            return null;
        }
        try {
            return node.binaryValue();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Sends one request and returns the body of its reply, which carries no error. */
    private JsonNode exchange(SmpHeader.Op op, int group, int command, ObjectNode body, String what, String path) throws BoardException {
        return checked(request(op, group, command, body, what), what, path);
    }

    private JsonNode checked(SmpPacket reply, String what, String path) throws BoardException {
        Optional<SmpError> error = SmpError.in(reply.body());
        if (error.isPresent()) {
            OperatorAdvice advice = SmpAdvice.advice(error.get(), path);
            throw new BoardException(port(), SmpAdvice.reason(error.get()), what + ": the board answered "
                    + error.get().describe() + ": " + advice.problem(), advice);
        }
        return reply.body();
    }

    /** Sends one request and returns its reply, error or not. */
    private SmpPacket request(SmpHeader.Op op, int group, int command, ObjectNode body, String what) throws BoardException {
        seq = (seq + 1) & 0xFF;
        byte[] packet = SmpPacket.encode(op, VERSION, group, seq, command, body);
        int payload = packet.length - SmpHeader.LENGTH;
        if (packet.length + SmpFrames.OVERHEAD > mtu) {
            Arrays.fill(packet, (byte) 0);
            throw new BoardException(port(), BoardException.Reason.UNSUPPORTED, what + ": the request is "
                    + (packet.length + SmpFrames.OVERHEAD) + " bytes, over the SMP MTU of " + mtu,
                    new OperatorAdvice("The request does not fit the board's SMP buffer", "Check the SMP MTU and file path settings, then retry"));
        }
        byte[] wire = SmpFrames.encode(packet);
        Arrays.fill(packet, (byte) 0);
        // The reply may be as long as the MTU, in base64 lines, behind the request.
        Duration timeout = timing.baseTimeout().plus(timing.transmission(wire.length + mtu * 2));
        try {
            for (int attempt = 0; attempt <= timing.retries(); attempt++) {
                if (attempt > 0) {
                    retries++;
                }
                send(wire, payload);
                SmpPacket reply = awaitReply(op.response(), group, command, timeout);
                if (reply != null) {
                    payloadReceived += reply.header().dataLength();
                    return reply;
                }
            }
        } finally {
            Arrays.fill(wire, (byte) 0);
        }
        throw new BoardException(port(), BoardException.Reason.TIMEOUT, what + ": no valid SMP reply after "
                + (timing.retries() + 1) + " tries (" + decoder.errors() + " corrupt frames)",
                new OperatorAdvice("The board does not answer MCUmgr SMP commands",
                        "Check the cable and that the board runs the provisioning firmware, then re-seat it and retry"));
    }

    private void send(byte[] wire, int payload) throws BoardException {
        checkCancelled();
        try {
            transport.write(wire);
        } catch (TransportException e) {
            throw fromTransport(e);
        }
        bytesSent += wire.length;
        payloadSent += payload;
    }

    /** The reply to the current request, or null on timeout or a corrupt frame (the caller then sends again). */
    private SmpPacket awaitReply(SmpHeader.Op op, int group, int command, Duration timeout) throws BoardException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (SmpDecodeResult r = decoder.poll(); ; r = decoder.poll()) {
                if (r instanceof SmpDecodeResult.Packet p) {
                    SmpPacket packet;
                    try {
                        packet = SmpPacket.decode(p.packet());
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                    SmpHeader h = packet.header();
                    if (h.seq() == seq && h.group() == group && h.commandId() == command && h.op() == op) {
                        return packet;
                    }
                    // A late reply to an earlier try, or console noise that happened to frame: skip it.
                } else if (r instanceof SmpDecodeResult.Error) {
                    return null;
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
                n = transport.read(readBuffer, 0, readBuffer.length, Duration.ofNanos(Math.min(left, 100_000_000L)));
            } catch (TransportException e) {
                throw fromTransport(e);
            }
            bytesReceived += n;
            decoder.feed(readBuffer, 0, n);
        }
    }

    private BoardException malformed(String what, String detail) {
        return new BoardException(port(), BoardException.Reason.PROTOCOL, what + ": malformed SMP reply: " + detail,
                new OperatorAdvice("The board's MCUmgr replies do not follow the protocol", "Check the board's firmware, then retry"));
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
}

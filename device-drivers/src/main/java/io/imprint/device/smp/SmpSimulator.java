package io.imprint.device.smp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imprint.device.transport.Transport;
import io.imprint.device.transport.TransportException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A simulated Zephyr board with MCUmgr on its serial console, for tests and the bench: it answers OS
 * echo and reset and the file system group's upload, download and SHA-256 over an in-RAM file system
 * mounted at {@value #MOUNT_POINT}, printing a boot banner and log lines between its frames as a real
 * console does. Written from the protocol description, not from {@link SmpClient}: it shares only the
 * line framing and packet layout.
 *
 * <p>A packet over its MTU (length field and CRC included) gets MSG_SIZE. Natural errors (no such file,
 * no mount point, bad offset) come in the {@link ErrorStyle} it is set to; {@link SmpFault}s add more.
 * An upload chunk may be sent again at an offset already written (a retry after a lost reply): it is
 * written again, where Zephyr itself would insist on the next offset.
 *
 * <p>Thread-safe: its own thread answers, and any thread may inject faults, read files or close it.
 */
public final class SmpSimulator implements AutoCloseable {

    public static final String MOUNT_POINT = "/lfs";
    static final String BANNER = "*** Booting Zephyr OS build v3.7.0 ***\r\n";

    /** How the board reports file system errors: SMP v1's bare rc, or v2's group error. */
    public enum ErrorStyle { V0, V1 }

    private final Transport transport;
    private final int mtu;
    private final SimulatedFs fs;
    private final List<SmpFault> faults = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile ErrorStyle errorStyle = ErrorStyle.V1;
    private volatile boolean running = true;
    private volatile int resets;
    private volatile long requests;

    /** A board whose file {@code deviceIdPath} holds {@code deviceId}; call {@link #start()} to power it up. */
    public SmpSimulator(Transport transport, String deviceIdPath, String deviceId, int mtu) {
        this.transport = transport;
        this.mtu = mtu;
        this.fs = new SimulatedFs(mtu, () -> errorStyle, faults);
        fs.put(deviceIdPath, (deviceId + "\n").getBytes(StandardCharsets.UTF_8));
        this.thread = Thread.ofPlatform().daemon().name("smp-sim " + transport.identity().path()).unstarted(this::run);
    }

    /** Opens the transport, prints the boot banner and starts answering. */
    public SmpSimulator start() throws TransportException {
        transport.open();
        console(BANNER);
        thread.start();
        return this;
    }

    public SmpSimulator errorStyle(ErrorStyle style) {
        this.errorStyle = style;
        return this;
    }

    public void inject(SmpFault fault) {
        faults.add(fault);
    }

    public void clearFaults() {
        faults.clear();
    }

    /** A copy of what the board holds in {@code name}. */
    public Optional<byte[]> file(String name) {
        return fs.get(name);
    }

    public void putFile(String name, byte[] content) {
        fs.put(name, content.clone());
    }

    /** How many times the board has been reset over SMP. */
    public int resets() {
        return resets;
    }

    /** Requests received, answered or not. */
    public long requests() {
        return requests;
    }

    /** Unplugs the board: closes its end of the line and stops its thread. */
    @Override
    public void close() {
        running = false;
        transport.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        SmpDecoder decoder = new SmpDecoder();
        byte[] buffer = new byte[512];
        try {
            while (running) {
                int n = transport.read(buffer, 0, buffer.length, Duration.ofMillis(100));
                decoder.feed(buffer, 0, n);
                for (SmpDecodeResult r = decoder.poll(); ; r = decoder.poll()) {
                    if (r instanceof SmpDecodeResult.Packet p) {
                        handle(p.packet());
                    } else if (!(r instanceof SmpDecodeResult.Error)) {
                        break;
                    }
                    // A corrupt request is dropped, as Zephyr does: the host times out and sends it again.
                }
            }
        } catch (TransportException e) {
            // Closed or unplugged: the board is gone.
        }
    }

    private void handle(byte[] bytes) throws TransportException {
        requests++;
        SmpPacket request;
        try {
            request = SmpPacket.decode(bytes);
        } catch (IllegalArgumentException e) {
            return;
        }
        SmpHeader h = request.header();
        if (h.op().isResponse() || faults.stream().anyMatch(f -> f instanceof SmpFault.Silent)) {
            return;
        }
        JsonNode reply;
        if (bytes.length + SmpFrames.OVERHEAD > mtu) {
            reply = rc(SmpRc.MSG_SIZE);
        } else {
            reply = injectedError(h).orElseGet(() -> answer(h, request.body()));
        }
        if (requests % 3 == 0) {
            console("[00:00:%02d.%03d,000] <inf> fs_mgmt: request %d handled\r\n".formatted(requests / 60 % 60, requests % 1000, requests));
        }
        send(h, reply);
        if (h.group() == SmpClient.GROUP_OS && h.commandId() == SmpClient.OS_RESET && !reply.has("rc") && !reply.has("err")) {
            console("\r\n" + BANNER);
        }
    }

    private Optional<JsonNode> injectedError(SmpHeader h) {
        for (SmpFault f : faults) {
            if (f instanceof SmpFault.RcError(int group, int command, SmpRc rc) && group == h.group() && command == h.commandId()) {
                return Optional.of(rc(rc));
            }
            if (f instanceof SmpFault.FsError(int group, int command, FsRc rc) && group == h.group() && command == h.commandId()) {
                ObjectNode body = SmpCbor.object();
                body.putObject("err").put("group", FsRc.GROUP).put("rc", rc.code());
                return Optional.of(body);
            }
        }
        return Optional.empty();
    }

    private JsonNode answer(SmpHeader h, JsonNode body) {
        int key = h.group() << 16 | h.commandId() << 8 | h.op().code();
        return switch (key) {
            case SmpClient.GROUP_OS << 16 | SmpClient.OS_ECHO << 8 | 2 -> body.path("d").isTextual()
                    ? SmpCbor.object().put("r", body.get("d").asText()) : rc(SmpRc.INVALID);
            case SmpClient.GROUP_OS << 16 | SmpClient.OS_RESET << 8 | 2 -> {
                resets++;
                fs.abandonUpload();
                yield SmpCbor.object();
            }
            case FsRc.GROUP << 16 | SmpClient.FS_FILE << 8 | 2 -> fs.upload(body);
            case FsRc.GROUP << 16 | SmpClient.FS_FILE << 8 -> fs.download(body);
            case FsRc.GROUP << 16 | SmpClient.FS_HASH << 8 -> fs.hash(body);
            default -> rc(SmpRc.NOT_SUPPORTED);
        };
    }

    static JsonNode rc(SmpRc rc) {
        return SmpCbor.object().put("rc", rc.code());
    }

    private void send(SmpHeader request, JsonNode body) throws TransportException {
        byte[] packet = SmpPacket.encode(request.op().response(), request.version(), request.group(), request.seq(),
                request.commandId(), body);
        List<byte[]> lines = SmpFrames.encodeLines(packet);
        for (SmpFault f : faults) {
            if (f instanceof SmpFault.CorruptCrcOnce && faults.remove(f)) {
                lines.set(lines.size() - 1, withCrcFlipped(lines.getLast()));
                break;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            out.writeBytes(lines.get(i));
            if (i == 0 && lines.size() > 1 && requests % 2 == 1) {
                // A deferred log line landing between two lines of one packet, as Zephyr's logger may print it.
                out.writeBytes("[00:00:00.000,000] <dbg> smp: fragment\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        transport.write(out.toByteArray());
    }

    /** The last line again with the packet's last CRC byte changed: the CRC always ends the last line. */
    private static byte[] withCrcFlipped(byte[] line) {
        byte[] raw = Base64.getDecoder().decode(Arrays.copyOfRange(line, 2, line.length - 1));
        raw[raw.length - 1] ^= 0x5A;
        byte[] text = Base64.getEncoder().encode(raw);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(line[0]);
        out.write(line[1]);
        out.writeBytes(text);
        out.write('\n');
        return out.toByteArray();
    }

    private void console(String text) throws TransportException {
        transport.write(text.getBytes(StandardCharsets.US_ASCII));
    }
}

package io.imprint.device.smp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@link SmpSimulator}'s file system group: an in-RAM file system mounted at {@value SmpSimulator#MOUNT_POINT}
 * with one upload under way at a time, as Zephyr's fs_mgmt keeps one upload context.
 *
 * <p>Requests come from the simulator's one thread; {@link #get} and {@link #put} from any thread.
 */
final class SimulatedFs {

    private final int mtu;
    private final Supplier<SmpSimulator.ErrorStyle> style;
    private final List<SmpFault> faults;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private String uploadName;
    private long uploadLength;

    SimulatedFs(int mtu, Supplier<SmpSimulator.ErrorStyle> style, List<SmpFault> faults) {
        this.mtu = mtu;
        this.style = style;
        this.faults = faults;
    }

    Optional<byte[]> get(String name) {
        return Optional.ofNullable(files.get(name)).map(byte[]::clone);
    }

    void put(String name, byte[] content) {
        files.put(name, content);
    }

    /** A reset ends the upload under way. */
    void abandonUpload() {
        uploadName = null;
    }

    JsonNode upload(JsonNode body) {
        JsonNode name = body.get("name");
        JsonNode off = body.get("off");
        byte[] data = binary(body.get("data"));
        if (name == null || !name.isTextual() || off == null || !off.canConvertToLong() || data == null) {
            return SmpSimulator.rc(SmpRc.INVALID);
        }
        String path = name.asText();
        if (!path.startsWith(SmpSimulator.MOUNT_POINT + "/")) {
            return fs(FsRc.MOUNT_POINT_NOT_FOUND);
        }
        long at = off.asLong();
        if (at == 0) {
            JsonNode len = body.get("len");
            if (len == null || !len.canConvertToLong()) {
                return SmpSimulator.rc(SmpRc.INVALID);
            }
            uploadName = path;
            uploadLength = len.asLong();
            files.put(path, new byte[0]);
        }
        byte[] current = files.get(path);
        if (!path.equals(uploadName) || current == null || at > current.length || at + data.length > uploadLength) {
            ObjectNode error = (ObjectNode) fs(FsRc.FILE_OFFSET_NOT_VALID);
            return error.put("len", current == null ? 0 : current.length);
        }
        byte[] written = Arrays.copyOf(current, (int) Math.max(current.length, at + data.length));
        System.arraycopy(data, 0, written, (int) at, data.length);
        files.put(path, written);
        if (written.length == uploadLength) {
            // The upload context stays, as in Zephyr: a last chunk sent again after a lost reply is written again.
            for (SmpFault f : faults) {
                if (f instanceof SmpFault.FlipStoredByte(String flip) && flip.equals(path) && written.length > 0) {
                    written[written.length / 2] ^= 0x01;
                    faults.remove(f);
                }
            }
        }
        return SmpCbor.object().put("off", at + data.length);
    }

    JsonNode download(JsonNode body) {
        JsonNode name = body.get("name");
        JsonNode off = body.get("off");
        if (name == null || !name.isTextual() || off == null || !off.canConvertToLong()) {
            return SmpSimulator.rc(SmpRc.INVALID);
        }
        Optional<JsonNode> missing = missing(name.asText());
        if (missing.isPresent()) {
            return missing.get();
        }
        byte[] content = files.get(name.asText());
        long at = off.asLong();
        if (at > content.length) {
            return fs(FsRc.FILE_OFFSET_LARGER_THAN_FILE);
        }
        // Room for the header, the length field, the CRC and the keys and numbers around the data.
        int room = Math.max(1, mtu - SmpFrames.OVERHEAD - SmpHeader.LENGTH - 32);
        byte[] chunk = Arrays.copyOfRange(content, (int) at, (int) Math.min(content.length, at + room));
        ObjectNode reply = SmpCbor.object().put("off", at).put("data", chunk);
        if (at == 0) {
            reply.put("len", content.length);
        }
        return reply;
    }

    JsonNode hash(JsonNode body) {
        JsonNode name = body.get("name");
        if (name == null || !name.isTextual()) {
            return SmpSimulator.rc(SmpRc.INVALID);
        }
        if (!"sha256".equals(body.path("type").asText("sha256"))) {
            return fs(FsRc.CHECKSUM_HASH_NOT_FOUND);
        }
        Optional<JsonNode> missing = missing(name.asText());
        if (missing.isPresent()) {
            return missing.get();
        }
        byte[] content = files.get(name.asText());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return SmpCbor.object().put("type", "sha256").put("off", 0).put("len", content.length).put("output", digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private Optional<JsonNode> missing(String path) {
        if (!path.startsWith(SmpSimulator.MOUNT_POINT + "/")) {
            return Optional.of(fs(FsRc.MOUNT_POINT_NOT_FOUND));
        }
        return files.containsKey(path) ? Optional.empty() : Optional.of(fs(FsRc.FILE_NOT_FOUND));
    }

    /** A file system error in the board's style; SMP v1 boards say the nearest management code. */
    private JsonNode fs(FsRc rc) {
        if (style.get() == SmpSimulator.ErrorStyle.V1) {
            ObjectNode body = SmpCbor.object();
            body.putObject("err").put("group", FsRc.GROUP).put("rc", rc.code());
            return body;
        }
        return SmpSimulator.rc(switch (rc) {
            case FILE_NOT_FOUND, MOUNT_POINT_NOT_FOUND -> SmpRc.NO_ENTRY;
            case CHECKSUM_HASH_NOT_FOUND -> SmpRc.NOT_SUPPORTED;
            case FILE_WRITE_FAILED -> SmpRc.NO_MEMORY;
            case READ_ONLY_FILESYSTEM -> SmpRc.ACCESS_DENIED;
            default -> SmpRc.INVALID;
        });
    }

    private static byte[] binary(JsonNode node) {
        if (node == null || !node.isBinary()) {
            return null;
        }
        try {
            return node.binaryValue();
        } catch (IOException e) {
            return null;
        }
    }
}

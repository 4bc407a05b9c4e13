package io.imprint.device.nrf91;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A simulated modem's credential storage: one content per (sec_tag, type), listed in tag then type order
 * with the SHA-256 (upper hex) of the content exactly as written, as %CMNG=1 shows it.
 *
 * <p>Not thread-safe: the {@link Nrf91Simulator} that owns it guards it with its own lock.
 */
final class SimulatedStore {

    private final Map<Long, String> items = new TreeMap<>();

    private static long key(long secTag, int type) {
        return secTag << 8 | type;
    }

    Optional<String> get(long secTag, int type) {
        return Optional.ofNullable(items.get(key(secTag, type)));
    }

    void put(long secTag, int type, String content) {
        items.put(key(secTag, type), content);
    }

    /** Whether there was something to remove. */
    boolean remove(long secTag, int type) {
        return items.remove(key(secTag, type)) != null;
    }

    int size() {
        return items.size();
    }

    /** {@code %CMNG: <tag>,<type>,"<SHA-256>"} lines, for one tag or all. */
    List<String> list(Optional<Long> secTag) {
        List<String> lines = new ArrayList<>();
        items.forEach((k, v) -> {
            if (secTag.isEmpty() || k >> 8 == secTag.get()) {
                lines.add("%CMNG: " + (k >> 8) + "," + (k & 0xFF) + ",\"" + sha256(v) + "\"");
            }
        });
        return lines;
    }

    static String sha256(String content) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

package io.imprint.device.sim;

import io.imprint.device.protocol.BoardState;
import io.imprint.device.protocol.CredentialKind;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.security.SecureRandom;

/**
 * A virtual board's persistent memory: one file, so a re-plugged board is the same board. Holds its
 * identity, state, its own private key (the board's secure storage, which in a real board never
 * leaves it) and the committed credentials. Staged credentials live in RAM and are lost on unplug.
 *
 * <p>Not thread-safe: owned by one board.
 */
public final class Flash {

    private final Path file;
    private final boolean persistent;
    private final Properties data = new Properties();

    private Flash(Path file, boolean persistent) {
        this.file = file;
        this.persistent = persistent;
    }

    /**
     * A fresh board whose flash lives in RAM only, for benchmarks: writing the file on every state change
     * cost two thirds of a zero-latency board's CPU, time the station under test would not get. The
     * board is lost with its object; it never leaves a file.
     */
    public static Flash inMemory(Path name, String newDeviceId) {
        Flash flash = new Flash(name, false);
        flash.create(newDeviceId);
        return flash;
    }

    /** Opens the board's flash, creating a fresh board with id {@code newDeviceId} if the file does not exist. */
    public static Flash open(Path file, String newDeviceId) {
        Flash flash = new Flash(file, true);
        try {
            if (Files.exists(file)) {
                try (Reader r = Files.newBufferedReader(file)) {
                    flash.data.load(r);
                }
            } else {
                flash.create(newDeviceId);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("virtual board flash " + file, e);
        }
        return flash;
    }

    private void create(String newDeviceId) {
        byte[] uid = new byte[12];
        new SecureRandom().nextBytes(uid);
        data.setProperty("device-id", newDeviceId);
        data.setProperty("chip-uid", HexFormat.of().formatHex(uid));
        data.setProperty("state", BoardState.BLANK.name());
        save();
    }

    public String deviceId() {
        return data.getProperty("device-id");
    }

    public byte[] chipUid() {
        return HexFormat.of().parseHex(data.getProperty("chip-uid"));
    }

    public BoardState state() {
        return BoardState.valueOf(data.getProperty("state", BoardState.BLANK.name()));
    }

    public Optional<byte[]> key() {
        return Optional.ofNullable(data.getProperty("key")).map(Base64.getDecoder()::decode);
    }

    public Map<CredentialKind, byte[]> credentials() {
        Map<CredentialKind, byte[]> map = new EnumMap<>(CredentialKind.class);
        for (CredentialKind kind : CredentialKind.values()) {
            Optional.ofNullable(data.getProperty("credential." + kind.name())).ifPresent(v -> map.put(kind, Base64.getDecoder().decode(v)));
        }
        return map;
    }

    void key(byte[] pkcs8, BoardState state) {
        data.setProperty("key", Base64.getEncoder().encodeToString(pkcs8));
        data.setProperty("state", state.name());
        save();
    }

    void commit(Map<CredentialKind, byte[]> staged) {
        staged.forEach((kind, bytes) -> data.setProperty("credential." + kind.name(), Base64.getEncoder().encodeToString(bytes)));
        data.setProperty("state", BoardState.COMMITTED.name());
        save();
    }

    void state(BoardState state) {
        data.setProperty("state", state.name());
        save();
    }

    /** What reflashing a board's firmware does to its flash file: key, credentials and lock gone, id kept. */
    public static void reflash(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no virtual board flash at " + file);
        }
        open(file, "unused: the file exists").erase();
    }

    void erase() {
        data.remove("key");
        data.stringPropertyNames().stream().filter(k -> k.startsWith("credential.")).forEach(data::remove);
        data.setProperty("state", BoardState.BLANK.name());
        save();
    }

    private void save() {
        if (!persistent) {
            return;
        }
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp)) {
                data.store(w, "Imprint virtual board flash");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("virtual board flash " + file, e);
        }
    }
}

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
    private final Properties data = new Properties();

    private Flash(Path file) {
        this.file = file;
    }

    /** Opens the board's flash, creating a fresh board with id {@code newDeviceId} if the file does not exist. */
    public static Flash open(Path file, String newDeviceId) {
        Flash flash = new Flash(file);
        try {
            if (Files.exists(file)) {
                try (Reader r = Files.newBufferedReader(file)) {
                    flash.data.load(r);
                }
            } else {
                byte[] uid = new byte[12];
                new SecureRandom().nextBytes(uid);
                flash.data.setProperty("device-id", newDeviceId);
                flash.data.setProperty("chip-uid", HexFormat.of().formatHex(uid));
                flash.data.setProperty("state", BoardState.BLANK.name());
                flash.save();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("virtual board flash " + file, e);
        }
        return flash;
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

    void erase() {
        data.remove("key");
        data.stringPropertyNames().stream().filter(k -> k.startsWith("credential.")).forEach(data::remove);
        data.setProperty("state", BoardState.BLANK.name());
        save();
    }

    private void save() {
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

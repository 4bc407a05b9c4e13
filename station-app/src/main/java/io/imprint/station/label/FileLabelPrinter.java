package io.imprint.station.label;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A directory of labels: one {@code .zpl} per label, named by the device id and the time, written under
 * a temporary name and renamed, so whatever watches the directory never reads half a label.
 *
 * <p>Thread-safe.
 */
public record FileLabelPrinter(Path directory) implements LabelPrinter {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    @Override
    public void send(String deviceId, byte[] zpl) throws LabelException {
        if (!Files.isDirectory(directory)) {
            throw LabelException.printerFailed("Label printer " + target() + " cannot write: " + directory + " is not a directory", advice(), null);
        }
        Path target = directory.resolve(fileName(deviceId));
        Path temporary = directory.resolve("." + target.getFileName() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(zpl));
                ch.force(true);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // The write failed already; a stray temporary file is skipped by its leading dot.
            }
            throw LabelException.printerFailed("Label printer " + target() + " cannot write " + target.getFileName() + " (" + e + ")", advice(), e);
        }
    }

    /** A name safe in any file system whatever the board called itself, unique within this station. */
    static String fileName(String deviceId) {
        String safe = deviceId.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[.]+", "_");
        if (safe.length() > 64) {
            safe = safe.substring(0, 64);
        }
        return safe + "-" + System.currentTimeMillis() + "-" + SEQUENCE.incrementAndGet() + ".zpl";
    }

    @Override
    public String target() {
        return "file:" + directory;
    }

    @Override
    public String advice() {
        return "check " + directory + " exists and its disk has space";
    }
}

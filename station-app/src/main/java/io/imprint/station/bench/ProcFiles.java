package io.imprint.station.bench;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads a file of {@code /proc}. Not with {@code Files.readString}: a proc file reports a size of 0, and
 * the JDK then reads one byte and asks for the rest at offset 1, which sysctl files answer with end of
 * file ({@code /proc/sys/kernel/pty/max} read as "4"). One read from the start gets it all.
 *
 * <p>Stateless and thread-safe.
 */
final class ProcFiles {

    private ProcFiles() {
    }

    static String read(Path file) throws IOException {
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}

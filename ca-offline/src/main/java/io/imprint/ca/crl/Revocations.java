package io.imprint.ca.crl;

import io.imprint.ca.CaException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The revocation list of a CA directory: {@code revoked.tsv}, one line per certificate
 * ({@code serial-hex, time, reason}), appended and forced to disk.
 *
 * <p>Not thread-safe: used under the CA directory's lock by one command at a time.
 */
public final class Revocations {

    /** One revoked certificate. */
    public record Revocation(BigInteger serial, Instant time, RevocationReason reason) {
    }

    private final Path file;

    public Revocations(Path file) {
        this.file = file;
    }

    public List<Revocation> all() throws CaException {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<Revocation> list = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    String[] f = line.split("\t");
                    list.add(new Revocation(new BigInteger(f[0], 16), Instant.parse(f[1]), RevocationReason.valueOf(f[2])));
                }
            }
            return list;
        } catch (IOException | RuntimeException e) {
            throw new CaException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Adds a revocation; refuses a serial revoked before. */
    public Revocation revoke(BigInteger serial, Instant time, RevocationReason reason) throws CaException {
        if (all().stream().anyMatch(r -> r.serial().equals(serial))) {
            throw new CaException("refused: serial " + serial.toString(16) + " is already revoked");
        }
        try {
            Files.writeString(file, serial.toString(16) + "\t" + time + "\t" + reason.name() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            return new Revocation(serial, time, reason);
        } catch (IOException e) {
            throw new CaException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}

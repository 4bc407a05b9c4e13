package io.imprint.ca.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Takes a SoftHSM2 token's objects away and puts them back, as pulling a USB HSM and plugging it in
 * again looks to the station: every key handle goes invalid at once, and later the same keys are
 * there again. SoftHSM keeps the token (its {@code token.object}) loaded for the process, so only the
 * objects move; each move bumps the token's generation counter, the signal another process writing the
 * token gives, so SoftHSM reads the directory again and sees the objects go and come back. Not thread-safe.
 */
public final class TokenPull implements AutoCloseable {

    private final Path token;
    private final Path away;
    private boolean pulled;

    /** The one token directory under {@code tokensDir} (a SoftHSM {@code directories.tokendir}). */
    public TokenPull(Path tokensDir, Path away) throws IOException {
        try (var dirs = Files.list(tokensDir)) {
            List<Path> found = dirs.filter(Files::isDirectory).toList();
            if (found.size() != 1) {
                throw new IllegalStateException("expected one token in " + tokensDir + ", found " + found);
            }
            this.token = found.getFirst();
        }
        this.away = Files.createDirectories(away);
    }

    /** The token directory of the SoftHSM configuration {@code conf} (its {@code directories.tokendir}). */
    public static Path tokensDir(Path conf) throws IOException {
        return Files.readAllLines(conf).stream().filter(l -> l.startsWith("directories.tokendir"))
                .map(l -> Path.of(l.substring(l.indexOf('=') + 1).strip())).findFirst().orElseThrow();
    }

    public void pull() throws IOException {
        for (Path f : objects(token)) {
            Files.move(f, away.resolve(f.getFileName()));
        }
        bumpGeneration();
        pulled = true;
    }

    public void putBack() throws IOException {
        for (Path f : objects(away)) {
            Files.move(f, token.resolve(f.getFileName()));
        }
        bumpGeneration();
        pulled = false;
    }

    private void bumpGeneration() throws IOException {
        Path generation = token.resolve("generation");
        long n = ByteBuffer.wrap(Files.readAllBytes(generation)).getLong();
        Files.write(generation, ByteBuffer.allocate(Long.BYTES).putLong(n + 1).array());
    }

    private static List<Path> objects(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> !f.getFileName().toString().startsWith("token.") && !f.getFileName().toString().equals("generation")).toList();
        }
    }

    /** Puts the objects back if a failed test left them pulled. */
    @Override
    public void close() throws IOException {
        if (pulled) {
            putBack();
        }
    }
}

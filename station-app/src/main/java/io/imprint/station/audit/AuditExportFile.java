package io.imprint.station.audit;

import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An exported copy of the audit trail, as JSON Lines (UTF-8, one flat object per line, field
 * {@code type} first): one {@code header} line, then {@code signer} lines (key id and PEM public key),
 * {@code checkpoint} lines (signature in base64) and {@code event} lines, each event with exactly the
 * fields and values the hash covers. {@link ExportLines} names every field.
 *
 * <p>Opening reads everything but the events; {@link #forEachRow} streams them in file order, so a
 * verifier sees rows moved within the file. Not thread-safe.
 */
public final class AuditExportFile implements AuditSource {

    private final Path file;
    private final Optional<ChainHead> head;
    private final List<AuditCheckpoint> checkpoints;
    private final Map<String, PublicKey> signers;

    private AuditExportFile(Path file, Optional<ChainHead> head, List<AuditCheckpoint> checkpoints, Map<String, PublicKey> signers) {
        this.file = file;
        this.head = head;
        this.checkpoints = checkpoints;
        this.signers = signers;
    }

    /** Exports the station database as of one moment; returns the number of events written. */
    public static long export(StationDatabase db, Path out, Instant exportedAt) throws StoreException {
        try (AuditTables.Snapshot snapshot = AuditTables.snapshot(db)) {
            return write(snapshot, out, exportedAt);
        }
    }

    /**
     * Writes {@code log} to {@code out} through a temporary file, so a failed export leaves no half
     * copy; returns the number of events written.
     */
    public static long write(AuditSource log, Path out, Instant exportedAt) throws StoreException {
        long[] events = {0};
        Path temporary = out.resolveSibling(out.getFileName() + ".part");
        try {
            try (BufferedWriter w = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                line(w, ExportLines.header(log.head(), exportedAt));
                for (PublicKey key : log.recordedSigners().values()) {
                    line(w, ExportLines.signer(key));
                }
                for (AuditCheckpoint checkpoint : log.checkpoints()) {
                    line(w, ExportLines.checkpoint(checkpoint));
                }
                log.forEachRow(row -> {
                    line(w, ExportLines.event(row));
                    events[0]++;
                });
            }
            Files.move(temporary, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return events[0];
        } catch (IOException | UncheckedIOException e) {
            throw new StoreException("cannot write the audit export " + out + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // Only a leftover .part file; the export itself succeeded or already reported its failure.
            }
        }
    }

    /** Reads the header, signers and checkpoints of an export; events are read by {@link #forEachRow}. */
    public static AuditExportFile open(Path file) throws StoreException {
        Optional<ChainHead> head = Optional.empty();
        List<AuditCheckpoint> checkpoints = new ArrayList<>();
        Map<String, PublicKey> signers = new LinkedHashMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            long number = 0;
            while ((text = r.readLine()) != null) {
                number++;
                Map<String, Object> line = parse(file, number, text);
                try {
                    String type = ExportLines.type(line);
                    if ((number == 1) != type.equals(ExportLines.HEADER)) {
                        throw new IllegalArgumentException("an export has one header line, its first");
                    }
                    switch (type) {
                        case ExportLines.HEADER -> head = ExportLines.head(line);
                        case ExportLines.SIGNER -> {
                            PublicKey key = StationKeys.parsePem(new StringReader(ExportLines.text(line, "public_key")), "the public key");
                            signers.put(StationKeys.keyId(key), key);
                        }
                        case ExportLines.CHECKPOINT -> checkpoints.add(ExportLines.checkpoint(line));
                        case ExportLines.EVENT -> ExportLines.event(line); // read now, so a damaged line fails before verifying
                        default -> throw new IllegalArgumentException("unknown line type \"" + type + "\"");
                    }
                } catch (IllegalArgumentException | IOException e) {
                    throw new StoreException(file + " line " + number + " is not an audit record: " + e.getMessage(), e);
                }
            }
            if (number == 0) {
                throw new StoreException(file + " is empty, not an audit export");
            }
        } catch (IOException e) {
            throw new StoreException("cannot read the audit export " + file + ": " + e.getMessage(), e);
        }
        return new AuditExportFile(file, head, List.copyOf(checkpoints), Collections.unmodifiableMap(signers));
    }

    @Override
    public Optional<ChainHead> head() {
        return head;
    }

    @Override
    public List<AuditCheckpoint> checkpoints() {
        return checkpoints;
    }

    @Override
    public Map<String, PublicKey> recordedSigners() {
        return signers;
    }

    @Override
    public void forEachRow(Consumer<AuditRow> sink) throws StoreException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            long number = 0;
            while ((text = r.readLine()) != null) {
                Map<String, Object> line = parse(file, ++number, text);
                if (ExportLines.EVENT.equals(line.get("type"))) {
                    sink.accept(event(file, number, line));
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot read the audit export " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> parse(Path file, long number, String text) throws StoreException {
        try {
            return ExportJson.parse(text);
        } catch (IllegalArgumentException e) {
            throw new StoreException(file + " line " + number + " is not an audit record: " + e.getMessage(), e);
        }
    }

    private static AuditRow event(Path file, long number, Map<String, Object> line) throws StoreException {
        try {
            return ExportLines.event(line);
        } catch (IllegalArgumentException e) {
            throw new StoreException(file + " line " + number + " is not an audit record: " + e.getMessage(), e);
        }
    }

    private static void line(BufferedWriter w, Map<String, ?> fields) {
        try {
            w.write(ExportJson.write(fields));
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.imprint.station.audit;

import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint audit export}: a copy of the trail to verify away from the station. Not thread-safe (one per command line). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write the audit events, checkpoints and the station's public key as JSON Lines.",
                "Verify the copy elsewhere with: imprint audit verify --file FILE --station-key KEY.pem"})
final class AuditExportCommand implements Callable<Integer> {

    @Option(names = "--db", paramLabel = "PATH", description = "Station database base path (default: $IMPRINT_HOME/station).")
    Path db;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The export to write (replaced if it exists).")
    Path out;

    @Option(names = "--key-out", paramLabel = "FILE",
            description = "Also write the station's current audit public key as PEM, to hand to verifiers by a channel they trust.")
    Path keyOut;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (StationDatabase station = AuditCommand.openExisting(AuditCommand.database(db))) {
            long events = AuditExportFile.export(station, out, Instant.now());
            AuditExportFile copy = AuditExportFile.open(out); // reading it back also proves the copy is readable
            if (keyOut != null) {
                List<PublicKey> keys = List.copyOf(copy.recordedSigners().values());
                if (keys.isEmpty()) {
                    throw new StoreException("no checkpoint is signed yet, so the log records no station key to write to " + keyOut);
                }
                Files.writeString(keyOut, StationKeys.pem(keys.getLast()));
            }
            spec.commandLine().getOut().println("exported " + events + " events and " + copy.checkpoints().size() + " checkpoints to " + out);
            return 0;
        } catch (StoreException | IOException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return AuditCommand.FAILED;
        }
    }
}

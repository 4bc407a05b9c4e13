package io.imprint.station.audit;

import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code imprint audit verify}: checks the live database or an exported copy. Not thread-safe (one per command line). */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Recompute every hash, follow the links and check every checkpoint signature.",
                "Exit 0 when intact, 4 when tampering is found (one line per finding), 1 on error."})
final class AuditVerifyCommand implements Callable<Integer> {

    @Option(names = "--db", paramLabel = "PATH", description = "Station database base path (default: $IMPRINT_HOME/station).")
    Path db;

    @Option(names = "--file", paramLabel = "FILE", description = "Verify this export (from 'imprint audit export') instead of the database.")
    Path file;

    @Option(names = "--station-key", paramLabel = "FILE",
            description = "PEM public key or certificate of the station audit key to trust; repeat after a key change. Required with --file.")
    List<Path> stationKeys = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (db != null && file != null) {
            throw new ParameterException(spec.commandLine(), "give --db or --file, not both");
        }
        if (file != null && stationKeys.isEmpty()) {
            throw new ParameterException(spec.commandLine(),
                    "--file needs --station-key: a copy is checked against a key you trust, never against the one it carries");
        }
        PrintWriter out = spec.commandLine().getOut();
        try {
            AuditVerifier verifier = stationKeys.isEmpty() ? AuditVerifier.trustingRecordedKeys() : AuditVerifier.trusting(trustedKeys());
            AuditVerification result;
            if (file != null) {
                result = verifier.verifyExport(file);
            } else {
                try (StationDatabase station = AuditCommand.openExisting(AuditCommand.database(db))) {
                    result = verifier.verifyDatabase(station);
                }
            }
            for (AuditFinding finding : result.findings()) {
                out.println((finding.warning() ? "warning: " : "") + finding.message());
            }
            if (result.ok()) {
                out.println("audit trail intact: " + result.rows() + " rows, " + result.checkpoints() + " checkpoints");
            }
            out.flush();
            return result.ok() ? 0 : AuditCommand.TAMPERED;
        } catch (StoreException | IOException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return AuditCommand.FAILED;
        }
    }

    private List<PublicKey> trustedKeys() throws IOException {
        List<PublicKey> keys = new ArrayList<>();
        for (Path key : stationKeys) {
            keys.add(StationKeys.readPem(key));
        }
        return keys;
    }
}

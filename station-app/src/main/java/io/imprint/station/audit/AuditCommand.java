package io.imprint.station.audit;

import io.imprint.ca.cli.DataDirs;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code imprint audit}: checks and exports the station's signed audit trail. Exit codes: 0 intact,
 * 4 tampering found (one line per finding), 1 error, 2 usage mistake.
 *
 * <p>Not thread-safe: picocli makes one instance per command line.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Verify or export the station's hash-chained, signed audit trail.",
        subcommands = {AuditVerifyCommand.class, AuditExportCommand.class})
public final class AuditCommand implements Runnable {

    /** Exit code when verification finds tampering. */
    public static final int TAMPERED = 4;
    public static final int FAILED = 1;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The station database's base path: the one given, else the station's default. */
    static Path database(Path given) {
        return given != null ? given : DataDirs.home().resolve("station");
    }

    /** Opens an existing station database; never creates one (a typo in --db would verify an empty log). */
    static StationDatabase openExisting(Path base) throws StoreException {
        Path file = base.resolveSibling(base.getFileName() + ".mv.db");
        if (!Files.isRegularFile(file)) {
            throw new StoreException("no station database at " + file);
        }
        return StationDatabase.open(base);
    }
}

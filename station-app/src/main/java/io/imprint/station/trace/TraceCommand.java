package io.imprint.station.trace;

import io.imprint.ca.cli.DataDirs;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code imprint trace DEVICE-ID}: one board's history from the batch log, without the HSM. Exit codes:
 * 0 found, 3 no such board (with near matches), 1 error (no batch log, or the station has it open),
 * 2 usage mistake.
 *
 * <p>Not thread-safe: picocli makes one instance per command line.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Show one board's history: every attempt with its steps and timings, every certificate with its status,",
                "and the audit events that name it. Reads the batch log only; needs no HSM."})
public final class TraceCommand implements Callable<Integer> {

    public static final int FOUND = 0;
    public static final int FAILED = 1;
    public static final int NOT_FOUND = 3;

    /** How the trace is printed. */
    enum Format { text, json }

    @Parameters(index = "0", paramLabel = "DEVICE-ID", description = "The board's device id (case-sensitive)")
    String deviceId;

    @Option(names = "--format", defaultValue = "text", description = "text (a timeline) or json (default ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Station data with the batch log station.mv.db (default ${DEFAULT-VALUE})")
    Path dataDir = DataDirs.home();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (StationDatabase db = openExisting(dataDir.resolve("station"))) {
            TraceLookup found = new BoardTraces(db).trace(deviceId);
            switch (found) {
                case TraceLookup.Found f -> {
                    if (format == Format.json) {
                        out.println(TraceJson.of(f.trace()));
                    } else {
                        TraceText.print(f.trace(), out);
                    }
                    out.flush();
                    return FOUND;
                }
                case TraceLookup.NotFound n -> {
                    if (format == Format.json) {
                        out.println(TraceJson.of(n));
                        out.flush();
                    }
                    err.println(n.message());
                    err.flush();
                    return NOT_FOUND;
                }
            }
        } catch (StoreException e) {
            err.println("error: " + e.getMessage().lines().findFirst().orElse(""));
            err.flush();
            org.slf4j.LoggerFactory.getLogger(TraceCommand.class).debug("trace failed", e);
            return FAILED;
        }
    }

    /** Opens an existing batch log; never creates one (a typo in --data-dir would trace an empty log). */
    static StationDatabase openExisting(Path base) throws StoreException {
        Path file = base.resolveSibling(base.getFileName() + ".mv.db");
        if (!Files.isRegularFile(file)) {
            throw new StoreException("no batch log at " + file + " (is --data-dir the station's data directory?)");
        }
        return StationDatabase.open(base);
    }
}

package io.imprint.station.cli;

import io.imprint.ca.CaException;
import io.imprint.ca.cli.CliErrors;
import io.imprint.ca.cli.DataDirs;
import io.imprint.ca.ceremony.CaDirectory;
import io.imprint.station.audit.AuditVerifier;
import io.imprint.station.audit.StationKeys;
import io.imprint.station.report.ReportException;
import io.imprint.station.report.ReportFormat;
import io.imprint.station.report.Reports;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code imprint report}: a batch's QA report as PDF, CSV or JSON, read from the batch log without the
 * HSM. Exit 0 written, 3 no such batch, 1 error, 2 usage.
 *
 * <p>Not thread-safe: picocli makes one instance per command line.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write a batch's report: counts, yields, failures, slots, cycle times, operators, revocations, the audit",
                "trail's verification and every device. PDF for QA's files, CSV for a spreadsheet (one row per device), JSON for tools."})
final class ReportCommand implements Callable<Integer> {

    @Option(names = "--batch", required = true, paramLabel = "WORK-ORDER")
    String batch;

    @Option(names = "--format", paramLabel = "pdf|csv|json", description = "Default: from the --out file's ending.")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE")
    Path out;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Station data: ca/ and station.mv.db (default ${DEFAULT-VALUE})")
    Path dataDir = DataDirs.home();

    @Option(names = "--station-key", paramLabel = "PEM",
            description = "Verify the audit trail against this trusted station key (default: the keys the log records, which the report says)")
    List<Path> stationKeys = new ArrayList<>();

    @Option(names = "--user", paramLabel = "NAME", description = "Who asks for the report (default: ${DEFAULT-VALUE})")
    String user = System.getProperty("user.name");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws StoreException, CaException, IOException {
        ReportFormat f = ReportFormat.named(format != null ? format : out.getFileName().toString()).orElseThrow(() -> new ParameterException(
                spec.commandLine(), format != null ? "--format must be pdf, csv or json, not '" + format + "'"
                        : "say --format pdf|csv|json, or end --out with .pdf, .csv or .json"));
        Path base = dataDir.resolve("station");
        if (!Files.isRegularFile(base.resolveSibling("station.mv.db"))) {
            throw new StoreException("no batch log at " + base.resolveSibling("station.mv.db") + " (wrong --data-dir?)");
        }
        CaDirectory ca = new CaDirectory(dataDir.resolve("ca"));
        List<X509Certificate> chain = ca.initialised() ? ca.loadChain() : List.of();
        try (StationDatabase db = StationDatabase.open(base)) {
            long devices = new Reports(db, chain, verifier(), Clock.systemUTC()).write(batch, user, f, out);
            spec.commandLine().getOut().printf("report of batch %s: %d device(s), %s written to %s (%,d bytes)%n", batch, devices,
                    f.name(), out.toAbsolutePath(), Files.size(out));
            return 0;
        } catch (ReportException e) {
            return e.refused() ? CliErrors.print(spec.commandLine(), e, "refused: " + e.getMessage(), CliErrors.REFUSED)
                    : CliErrors.print(spec.commandLine(), e, "error: " + e.getMessage(), CliErrors.FAILED);
        }
    }

    private AuditVerifier verifier() throws IOException {
        if (stationKeys.isEmpty()) {
            return AuditVerifier.trustingRecordedKeys();
        }
        List<PublicKey> keys = new ArrayList<>();
        for (Path key : stationKeys) {
            keys.add(StationKeys.readPem(key));
        }
        return AuditVerifier.trusting(keys);
    }
}

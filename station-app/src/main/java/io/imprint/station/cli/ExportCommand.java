package io.imprint.station.cli;

import io.imprint.ca.cli.CliErrors;
import io.imprint.station.audit.StationKeys;
import io.imprint.station.run.StationSetup;
import io.imprint.station.sync.export.BundleVerifier;
import io.imprint.station.sync.export.ExportException;
import io.imprint.station.sync.export.ExportTarget;
import io.imprint.station.sync.export.Exports;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code imprint export}: a batch as an offline bundle for a cloud registry, signed by the station key;
 * {@code imprint export verify} checks a bundle anywhere. Exit 0 written or verified, 3 refused or not
 * as signed, 1 error, 2 usage.
 *
 * <p>Not thread-safe: picocli makes one instance per command line.
 */
@Command(name = "export", mixinStandardHelpOptions = true, subcommands = ExportCommand.Verify.class,
        description = {"Write a batch's provisioned boards as an offline bundle for a cloud registry, with a list of its files",
                "signed by the station key (the HSM login is needed for the signature)."})
final class ExportCommand implements Callable<Integer> {

    @Mixin
    StationOptions options;

    @Option(names = "--batch", paramLabel = "WORK-ORDER")
    String batch;

    @Option(names = "--target", paramLabel = "aws|azure|nrfcloud|manifest|csv",
            description = "aws: IoT bulk registration; azure: DPS bulk enrollments; nrfcloud: onboarding CSV; manifest: Microchip-style signed manifest; csv: a plain CSV")
    String target;

    @Option(names = "--out", paramLabel = "DIR", description = "A new (or empty) folder for the bundle")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // Not picocli-required: they would be required of `export verify` too.
        if (batch == null || target == null || out == null) {
            throw new ParameterException(spec.commandLine(), "say --batch, --target and --out (or: imprint export verify DIR --station-key PEM)");
        }
        ExportTarget t = ExportTarget.named(target).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "--target must be one of " + Arrays.stream(ExportTarget.values()).map(ExportTarget::id).toList() + ", not '" + target + "'"));
        PrintWriter err = spec.commandLine().getErr();
        try (StationSetup st = options.open(err)) {
            Exports.Result r = new Exports(st.station().db(), st.station().audit(), st.caDirectory().loadChain(), st.stationSigner(), st.stationCertificate())
                    .export(batch, t, out, options.user);
            spec.commandLine().getOut().printf("export of batch %s for %s: %d board(s) in %s (%d left out: failed, revoked or unfinished)%n"
                    + "signed list SHA-256 %s; check it with: imprint export verify %s --station-key <station key PEM>%n",
                    batch, t.id(), r.devices(), r.bundle(), r.leftOut(), r.sumsSha256(), r.bundle());
            return 0;
        } catch (ExportException e) {
            return e.refused() ? CliErrors.print(spec.commandLine(), e, "refused: " + e.getMessage(), CliErrors.REFUSED)
                    : CliErrors.print(spec.commandLine(), e, "error: " + e.getMessage(), CliErrors.FAILED);
        }
    }

    /** {@code imprint export verify DIR --station-key PEM}: no database, no HSM. */
    @Command(name = "verify", mixinStandardHelpOptions = true, description = "Check an export bundle against the station key: signature, every file, nothing added.")
    static final class Verify implements Callable<Integer> {

        @Parameters(paramLabel = "DIR")
        Path bundle;

        @Option(names = "--station-key", required = true, paramLabel = "PEM", description = "The station's public key (or a certificate of it) you trust")
        Path stationKey;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try {
                BundleVerifier.Verification v = BundleVerifier.verify(bundle, StationKeys.readPem(stationKey));
                if (v.ok()) {
                    spec.commandLine().getOut().printf("bundle %s: as the station signed it (%d file(s))%n", bundle, v.files());
                    return 0;
                }
                PrintWriter err = spec.commandLine().getErr();
                err.printf("bundle %s is NOT as the station signed it:%n", bundle);
                v.problems().forEach(p -> err.println("  " + p));
                err.flush();
                return CliErrors.REFUSED;
            } catch (ExportException e) {
                return e.refused() ? CliErrors.print(spec.commandLine(), e, "refused: " + e.getMessage(), CliErrors.REFUSED)
                        : CliErrors.print(spec.commandLine(), e, "error: " + e.getMessage(), CliErrors.FAILED);
            }
        }
    }
}

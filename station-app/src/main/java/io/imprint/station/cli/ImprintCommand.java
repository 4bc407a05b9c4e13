package io.imprint.station.cli;

import io.imprint.ca.cli.CaCommand;
import io.imprint.ca.cli.CliErrors;
import io.imprint.device.sim.DevsimCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code imprint}: the one command-line entry point. Subcommands arrive with their issues:
 * {@code ca}, {@code devsim}, {@code batch}, {@code user}, {@code run}, {@code devices}, {@code audit}, {@code trace}, {@code report},
 * {@code label} and {@code station} now; {@code sync} later.
 */
@Command(name = "imprint", mixinStandardHelpOptions = true, version = "Imprint 0.1.0",
        description = "Imprint provisioning station: gives each board its cryptographic identity.",
        subcommands = {CaCommand.class, DevsimCommand.class, BatchCommand.class, UserCommand.class, RunCommand.class, DevicesCommand.class, CrlCommand.class,
                StationCommand.class, ReportCommand.class, LabelCommand.class, ExportCommand.class, SyncCommand.class,
                io.imprint.station.audit.AuditCommand.class, io.imprint.station.bench.StationBenchCommand.class,
                io.imprint.station.bench.ReportBenchCommand.class, io.imprint.station.bench.ExportBenchCommand.class, io.imprint.station.bench.SyncBenchCommand.class,
                io.imprint.station.trace.TraceCommand.class})
public final class ImprintCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static CommandLine commandLine() {
        // Enum values as the help spells them (pdf,csv,json) as well as in capitals.
        return StationErrors.install(new CommandLine(new ImprintCommand()).setCaseInsensitiveEnumValuesAllowed(true));
    }

    public static void main(String[] args) {
        // Logging set up before any thread logs: SLF4J otherwise replays the early calls with a warning on stderr.
        org.slf4j.LoggerFactory.getILoggerFactory();
        System.exit(commandLine().execute(args));
    }
}

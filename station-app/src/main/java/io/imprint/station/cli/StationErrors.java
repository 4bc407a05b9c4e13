package io.imprint.station.cli;

import io.imprint.ca.cli.CliErrors;
import io.imprint.station.account.AccountException;
import io.imprint.station.batch.BatchException;
import io.imprint.station.label.LabelException;
import io.imprint.station.store.StoreException;
import picocli.CommandLine;

/** The station's failures as one line and an exit code, on top of the CA's (see {@link CliErrors}). */
final class StationErrors {

    private StationErrors() {
    }

    static CommandLine install(CommandLine cli) {
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> switch (e) {
            case BatchException b -> CliErrors.print(commandLine, e, "refused: " + b.getMessage(), CliErrors.REFUSED);
            case AccountException a -> CliErrors.print(commandLine, e, "refused: " + a.getMessage(), CliErrors.REFUSED);
            case StoreException s -> CliErrors.print(commandLine, e, "error: " + s.getMessage(), CliErrors.FAILED);
            case LabelException l -> l.refused() ? CliErrors.print(commandLine, e, "refused: " + l.getMessage(), CliErrors.REFUSED)
                    : CliErrors.print(commandLine, e, "error: " + LabelCommand.message(l), CliErrors.FAILED);
            default -> CliErrors.report(commandLine, e);
        });
        return cli;
    }
}

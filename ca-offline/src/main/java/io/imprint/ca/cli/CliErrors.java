package io.imprint.ca.cli;

import io.imprint.ca.CaException;
import io.imprint.ca.issue.IssuanceRefusedException;
import picocli.CommandLine;

/**
 * Turns failures into one readable line and an exit code: 3 for a refusal (the CA declined on purpose),
 * 1 for an error, 2 for a usage mistake (picocli's own). Stack traces go to the log only.
 */
public final class CliErrors {

    public static final int REFUSED = 3;
    public static final int FAILED = 1;

    private CliErrors() {
    }

    public static CommandLine install(CommandLine cli) {
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(commandLine, e));
        return cli;
    }

    /** Prints one line for {@code e} on the command's error stream and returns the exit code. */
    public static int report(CommandLine commandLine, Exception e) {
        String line;
        int code;
        if (e instanceof IssuanceRefusedException) {
            line = "refused: " + e.getMessage();
            code = REFUSED;
        } else if (e instanceof CaException && e.getMessage().startsWith("refused:")) {
            line = e.getMessage();
            code = REFUSED;
        } else if (e instanceof CaException) {
            line = "error: " + e.getMessage();
            code = FAILED;
        } else {
            line = "error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            code = FAILED;
        }
        return print(commandLine, e, line, code);
    }

    /** Prints the first line of {@code line}; the stack trace goes to the debug log only. */
    public static int print(CommandLine commandLine, Exception e, String line, int code) {
        org.slf4j.LoggerFactory.getLogger(CliErrors.class).debug("command failed", e);
        commandLine.getErr().println(line.lines().findFirst().orElse(line));
        commandLine.getErr().flush();
        return code;
    }
}

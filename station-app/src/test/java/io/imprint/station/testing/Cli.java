package io.imprint.station.testing;

import io.imprint.station.cli.ImprintCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs the {@code imprint} command line in this JVM, as a user types it, and keeps what it printed. Thread-safe. */
public final class Cli {

    /** How one command line ended: its exit code and what it wrote to standard output and error. */
    public record Run(int exit, String out, String err) {
    }

    private Cli() {
    }

    public static Run imprint(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = ImprintCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    public static Run imprint(List<String> args) {
        return imprint(args.toArray(String[]::new));
    }
}

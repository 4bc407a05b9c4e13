package io.imprint.ca.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code imprint ca}: the offline CA's commands. */
@Command(name = "ca", mixinStandardHelpOptions = true,
        description = "The offline CA: key ceremony, issuance, revocation and CRLs, with keys in an HSM.",
        subcommands = {CaInitCommand.class, CaIssueCommand.class, CaRevokeCommand.class, CaCrlCommand.class,
                CaShowCommand.class, CaDemoCommand.class, CaBenchCommand.class})
public final class CaCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a subcommand: init, issue, revoke, crl, show, demo or bench");
    }

    /** A command line for {@code ca} alone, with Imprint's error handling (for tests and embedding). */
    public static CommandLine commandLine() {
        return CliErrors.install(new CommandLine(new CaCommand()));
    }
}

package io.imprint.ca.cli;

import io.imprint.ca.OfflineCa;
import io.imprint.ca.crl.RevocationReason;
import io.imprint.ca.crl.Revocations;
import java.math.BigInteger;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint ca revoke}. */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = "Revoke a certificate this CA issued. Publish a new CRL afterwards with 'imprint ca crl'.")
final class CaRevokeCommand implements Callable<Integer> {

    @Mixin
    CaOptions options;

    @Spec
    CommandSpec spec;

    @Option(names = "--serial", required = true, paramLabel = "HEX", description = "Serial number in hex (as 'imprint ca issue' printed it)")
    String serial;

    @Option(names = "--reason", defaultValue = "unspecified", paramLabel = "REASON",
            description = "keyCompromise, superseded, cessationOfOperation, affiliationChanged, privilegeWithdrawn, certificateHold or unspecified (default)")
    String reason;

    @Override
    public Integer call() throws Exception {
        BigInteger number;
        RevocationReason why;
        try {
            number = new BigInteger(serial.replace(":", "").replaceFirst("^0[xX]", ""), 16);
            why = RevocationReason.parse(reason);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e instanceof NumberFormatException ? "--serial is not hex: " + serial : e.getMessage());
        }
        try (OfflineCa ca = options.open(spec.commandLine().getErr())) {
            Revocations.Revocation r = ca.revoke(number, why);
            spec.commandLine().getOut().println("revoked serial " + r.serial().toString(16) + " (" + reason + ") at " + r.time()
                    + "; run 'imprint ca crl' to publish it");
        }
        return 0;
    }
}

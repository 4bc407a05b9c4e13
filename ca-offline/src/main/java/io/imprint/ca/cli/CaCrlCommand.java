package io.imprint.ca.cli;

import io.imprint.ca.OfflineCa;
import io.imprint.ca.ceremony.CaDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint ca crl}. */
@Command(name = "crl", mixinStandardHelpOptions = true,
        description = "Sign a CRL of every revoked certificate with the issuing key; writes crl.pem in the CA directory.")
final class CaCrlCommand implements Callable<Integer> {

    @Mixin
    CaOptions options;

    @Spec
    CommandSpec spec;

    @Option(names = "--next-update", defaultValue = "P7D", paramLabel = "DURATION", description = "When the next CRL is due (ISO-8601, default ${DEFAULT-VALUE})")
    Duration nextUpdate;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the CRL here")
    Path out;

    @Override
    public Integer call() throws Exception {
        try (OfflineCa ca = options.open(spec.commandLine().getErr())) {
            String crl = ca.publishCrl(nextUpdate);
            if (out != null) {
                CaDirectory.writeAtomically(out, crl);
            }
            spec.commandLine().getOut().println("CRL written to " + ca.directory().path().resolve("crl.pem") + (out == null ? "" : " and " + out));
        }
        return 0;
    }
}

package io.imprint.ca.cli;

import io.imprint.ca.OfflineCa;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code imprint ca crl}. */
@Command(name = "crl", mixinStandardHelpOptions = true,
        description = "Sign a CRL of every revoked certificate with the issuing key; writes crl.pem in the CA directory.")
final class CaCrlCommand implements Callable<Integer> {

    @Mixin
    CaOptions options;

    @Spec
    CommandSpec spec;

    @Mixin
    CrlOptions crl;

    @Override
    public Integer call() throws Exception {
        try (OfflineCa ca = options.open(spec.commandLine().getErr())) {
            String signed = ca.publishCrl(crl.nextUpdate());
            spec.commandLine().getOut().println("CRL written to " + crl.writeCopy(signed, ca.directory().path().resolve("crl.pem")));
        }
        return 0;
    }
}

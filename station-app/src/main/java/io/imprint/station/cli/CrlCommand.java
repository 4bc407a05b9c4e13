package io.imprint.station.cli;

import io.imprint.ca.OfflineCa;
import io.imprint.ca.cli.CrlOptions;
import io.imprint.ca.ceremony.CaDirectory;
import io.imprint.ca.crl.RevocationReason;
import io.imprint.ca.crl.Revocations.Revocation;
import io.imprint.station.run.StationSetup;
import io.imprint.station.store.CertificateRecords;
import io.imprint.station.store.Transactions;
import java.math.BigInteger;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code imprint crl}: the CRL of everything revoked, the station's own revocations included. The
 * station revokes in its batch log (an orphaned certificate, a superseded one, those left unacknowledged
 * when a batch closed); {@code imprint ca crl} knows only the CA directory's list. Thread-safe: no state.
 */
@Command(name = "crl", mixinStandardHelpOptions = true,
        description = "Sign a CRL of every certificate revoked by the CA or by this station (batch log); writes ca/crl.pem.")
final class CrlCommand implements Callable<Integer> {

    @Mixin
    StationOptions options;

    @Spec
    CommandSpec spec;

    @Mixin
    CrlOptions crl;

    @Override
    public Integer call() throws Exception {
        try (StationSetup st = options.open(spec.commandLine().getErr())) {
            List<Revocation> revoked = Transactions.inTransaction(st.station().db(), tx -> new CertificateRecords().revoked(tx)).stream()
                    .map(r -> new Revocation(new BigInteger(r.serial(), 16), r.at(), RevocationReason.parse(r.reason())))
                    .toList();
            CaDirectory caDir = new CaDirectory(options.dataDir.resolve("ca"));
            String signed = OfflineCa.publishCrl(caDir, st.station().ca(), Clock.systemUTC(), crl.nextUpdate(), revoked);
            spec.commandLine().getOut().printf("CRL written to %s: %d revoked by this station, with the CA directory's own%n",
                    crl.writeCopy(signed, caDir.path().resolve("crl.pem")), revoked.size());
        }
        return 0;
    }
}

package io.imprint.ca.cli;

import io.imprint.ca.OfflineCa;
import io.imprint.ca.bench.SoftwareCsr;
import io.imprint.ca.ceremony.CaDirectory;
import io.imprint.ca.ceremony.KeyCeremony;
import io.imprint.ca.issue.IssueRequest;
import io.imprint.ca.issue.IssuedCertificate;
import io.imprint.ca.key.KeyManager;
import io.imprint.ca.key.KeyManagers;
import io.imprint.ca.key.KeyUri;
import io.imprint.ca.profile.CaConfig;
import io.imprint.ca.softhsm.SoftHsm;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code imprint ca demo}: a demo CA in a SoftHSM token of its own, one device certificate, its chain and
 * openssl's verdict. Reuses the demo CA on later runs. The demo token's PIN is kept in a file readable
 * only by the user: a demo convenience, never how a production PIN is kept.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Make (or reuse) a demo CA in a SoftHSM token, issue one device certificate, print its chain and 'openssl verify' result.")
final class CaDemoCommand implements Callable<Integer> {

    static final String TOKEN = "imprint-demo";

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", description = "Demo directory (token, CA, certificates). Default: ${DEFAULT-VALUE}")
    Path dir = DataDirs.home().resolve("demo");

    @Option(names = "--device-id", paramLabel = "ID", description = "Device id to issue for (default: the next SN-DEMO-nnnnnn)")
    String deviceId;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        KeyUri uri = DemoCa.prepare(dir, out);
        CaDirectory caDir = new CaDirectory(dir.resolve("ca"));
        try (OfflineCa ca = OfflineCa.open(caDir, OfflineCa.config(caDir, java.util.Optional.empty()), uri, out::println, Clock.systemUTC())) {
            String id = deviceId != null ? deviceId : "SN-DEMO-%06d".formatted(ca.ledger().issuedCount() + 1);
            Path devices = Files.createDirectories(dir.resolve("devices"));
            String csr = SoftwareCsr.pem(SoftwareCsr.newKey(), id);
            Files.writeString(devices.resolve(id + ".csr.pem"), csr);
            IssuedCertificate cert = ca.authority().issue(IssueRequest.of(csr, id, "device"));
            Path certFile = devices.resolve(id + ".pem");
            CaDirectory.writeAtomically(certFile, cert.pem());
            out.println("issued device certificate for " + id + " (serial " + cert.serialHex() + ") -> " + certFile);
            out.println("chain:");
            out.println("  " + new javax.security.auth.x500.X500Principal(cert.holder().getSubject().getEncoded()).getName() + "   <- device, valid to " + cert.notAfter());
            for (var c : ca.authority().chain()) {
                out.println("  " + c.getSubjectX500Principal().getName() + "   <- " + (c.getBasicConstraints() == 0 ? "issuing CA (in the token)" : "root CA (in the token)"));
            }
            Openssl.Result verify = Openssl.run("verify", "-CAfile", caDir.root().toString(), "-untrusted", caDir.issuing().toString(), certFile.toString());
            out.println("openssl verify: " + verify.output().strip() + (verify.exitCode() == 0 ? "" : " (exit " + verify.exitCode() + ")"));
            return verify.exitCode() == 0 ? 0 : CliErrors.FAILED;
        }
    }

    /** Makes the demo token on first use; returns its key URI. */
    static KeyUri prepareToken(Path dir, PrintWriter out) throws Exception {
        Path conf = SoftHsm.use(dir.resolve("softhsm"));
        Path pinFile = dir.resolve("demo-token.pin");
        if (!SoftHsm.tokenLabels(conf).contains(TOKEN)) {
            String pin = randomDigits(8);
            Files.deleteIfExists(pinFile);
            Files.createFile(pinFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(pinFile, pin + "\n");
            SoftHsm.initToken(conf, TOKEN, pin, randomDigits(12));
            out.println("demo SoftHSM token '" + TOKEN + "' initialised in " + conf.getParent());
        }
        return KeyUri.parse("pkcs11:token=" + TOKEN + "?pin-source=file:" + pinFile.toAbsolutePath());
    }

    private static String randomDigits(int n) {
        SecureRandom r = new SecureRandom();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(r.nextInt(10));
        }
        return b.toString();
    }
}

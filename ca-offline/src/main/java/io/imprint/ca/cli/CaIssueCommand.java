package io.imprint.ca.cli;

import io.imprint.ca.OfflineCa;
import io.imprint.ca.ceremony.CaDirectory;
import io.imprint.ca.issue.IssuanceRefusedException;
import io.imprint.ca.issue.IssueRequest;
import io.imprint.ca.issue.IssuedCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint ca issue}: sign one CSR. */
@Command(name = "issue", mixinStandardHelpOptions = true,
        description = "Sign a device's CSR under a profile. Refusals exit 3 with one line saying why, and write no file.")
final class CaIssueCommand implements Callable<Integer> {

    @Mixin
    CaOptions options;

    @Spec
    CommandSpec spec;

    @Option(names = "--profile", required = true, paramLabel = "NAME", description = "device, claim, bootstrap or a profile of the config")
    String profile;

    @Option(names = "--device-id", required = true, paramLabel = "ID", description = "The id read from the board; must equal the CSR's CN")
    String deviceId;

    @Option(names = "--csr", required = true, paramLabel = "FILE", description = "The CSR, PEM")
    Path csr;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the certificate (PEM)")
    Path out;

    @Option(names = "--chain", paramLabel = "FILE", description = "Also write the CA chain (issuing, root) here")
    Path chain;

    @Option(names = "--batch", paramLabel = "ID", description = "Count this certificate against the batch's quota")
    String batch;

    @Option(names = "--quota", paramLabel = "N", description = "Bind the batch to this quota (the first time; it cannot change)")
    Integer quota;

    @Override
    public Integer call() throws Exception {
        if (quota != null && batch == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--quota needs --batch");
        }
        String pem = readCsr(csr);
        try (OfflineCa ca = options.open(spec.commandLine().getErr())) {
            if (batch != null && quota != null) {
                ca.ledger().bindQuota(batch, quota);
            }
            IssueRequest pemRequest = IssueRequest.of(pem, deviceId, profile);
            IssueRequest request = batch == null ? pemRequest : pemRequest.inBatch(batch);
            IssuedCertificate cert = ca.authority().issue(request);
            CaDirectory.writeAtomically(out, cert.pem());
            if (chain != null) {
                CaDirectory.writeAtomically(chain, ca.authority().chain().stream().map(CaDirectory::pem).reduce("", String::concat));
            }
            spec.commandLine().getOut().println("issued " + cert.profile() + " certificate for " + cert.deviceId() + ": serial " + cert.serialHex()
                    + ", valid " + cert.notBefore() + " to " + cert.notAfter() + " -> " + out
                    + (batch == null ? "" : " (batch " + batch + ": " + ca.ledger().used(batch) + "/" + ca.ledger().quota(batch).orElseThrow() + ")"));
        }
        return 0;
    }

    static String readCsr(Path file) throws IssuanceRefusedException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(io.imprint.ca.issue.CsrCheck.MAX_PEM_CHARS + 1);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IssuanceRefusedException("cannot read CSR file " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}

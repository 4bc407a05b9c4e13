package io.imprint.ca.cli;

import io.imprint.ca.ceremony.CaDirectory;
import io.imprint.ca.crl.Revocations;
import io.imprint.ca.issue.FileIssuanceLedger;
import io.imprint.ca.issue.Pem;
import io.imprint.ca.profile.CaConfig;
import io.imprint.ca.profile.CertificateProfile;
import java.io.PrintWriter;
import java.security.cert.X509Certificate;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code imprint ca show}: what the CA is, from its public files; needs no PIN. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show the CA chain, profiles, and counts of issued and revoked certificates. Needs no PIN.")
final class CaShowCommand implements Callable<Integer> {

    @Mixin
    CaOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CaDirectory dir = options.directory();
        CaConfig config = options.loadConfig();
        out.println("CA directory  " + dir.path());
        out.println("key URI       " + config.keyUri().orElse("(not set)"));
        for (X509Certificate c : dir.loadChain()) {
            out.println((c.getBasicConstraints() == 0 ? "issuing CA    " : "root CA       ") + c.getSubjectX500Principal().getName());
            out.println("              valid " + c.getNotBefore().toInstant() + " to " + c.getNotAfter().toInstant());
            out.println("              SHA-256 " + Pem.sha256Hex(c.getEncoded()));
        }
        for (CertificateProfile p : new TreeMap<>(config.profiles()).values()) {
            out.println("profile       " + p.name() + ": validity " + p.validity().map(Object::toString).orElse("forever")
                    + ", keys " + p.ecCurves() + (p.rsaEnabled() ? " + RSA>=" + p.rsaMinBits() : "")
                    + p.sanUriPrefix().map(s -> ", SAN " + s + "<id>").orElse(""));
        }
        try (FileIssuanceLedger ledger = FileIssuanceLedger.open(dir.path())) {
            out.println("issued        " + ledger.issuedCount());
        }
        out.println("revoked       " + new Revocations(dir.revoked()).all().size());
        return 0;
    }
}

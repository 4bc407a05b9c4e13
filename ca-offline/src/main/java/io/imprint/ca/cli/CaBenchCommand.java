package io.imprint.ca.cli;

import io.imprint.ca.bench.CaBench;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint ca bench}: issuance throughput against its ceiling and against an openssl loop. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark on a throwaway SoftHSM token: raw PKCS#11 ECDSA signatures/s (ceiling), certificates/s through the whole issuance path, and a per-device 'openssl x509 -req' loop.")
final class CaBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--seconds", defaultValue = "5", description = "Measured seconds per path (default ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--threads", description = "Signing threads (default: the number of cores, ${DEFAULT-VALUE})")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--openssl-certs", defaultValue = "200", description = "Certificates in the openssl loop; 0 skips it (default ${DEFAULT-VALUE})")
    int opensslCerts;

    @Option(names = "--csrs", defaultValue = "256", description = "Distinct device CSRs cycled through (default ${DEFAULT-VALUE})")
    int csrs;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path work = Files.createTempDirectory("imprint-bench");
        out.printf("imprint ca bench: %d thread(s), %.1f s per path, %d cores, SoftHSM2 token in %s%n", threads, seconds, Runtime.getRuntime().availableProcessors(), work);
        out.flush();
        CaBench.Result r = CaBench.run(new CaBench.Settings(work, seconds, threads, opensslCerts, csrs));
        out.println(table(r));
        return 0;
    }

    static String table(CaBench.Result r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-58s %12s%n", "path", "per second"));
        b.append(String.format("%-58s %12.0f%n", "(a) raw SunPKCS11 ECDSA P-256 signatures (ceiling)", r.rawSignaturesPerSecond()));
        b.append(String.format("%-58s %12.0f%n", "full issuance: parse+verify CSR, sign in SoftHSM, encode", r.certificatesPerSecond()));
        b.append(String.format("%-58s %12s%n", "(b) openssl x509 -req per device (pkcs11 engine)",
                Double.isNaN(r.opensslPerSecond()) ? "n/a" : String.format("%.1f", r.opensslPerSecond())));
        b.append(String.format("ratios: full / ceiling = %.2f", r.certificatesPerSecond() / r.rawSignaturesPerSecond()));
        if (!Double.isNaN(r.opensslPerSecond())) {
            b.append(String.format("; full / openssl loop = %.1fx", r.certificatesPerSecond() / r.opensslPerSecond()));
        }
        b.append(String.format("%ngoals: >= 2000 certificates/s: %s", r.certificatesPerSecond() >= 2000 ? "met" : "NOT met"));
        if (!Double.isNaN(r.opensslPerSecond())) {
            b.append(String.format("; >= 20x openssl loop: %s", r.certificatesPerSecond() >= 20 * r.opensslPerSecond() ? "met" : "NOT met"));
        }
        b.append(String.format("%nopenssl loop: %s", r.opensslNote()));
        return b.toString();
    }
}

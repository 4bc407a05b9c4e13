package io.imprint.ca.bench;

import io.imprint.ca.ceremony.CaDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The comparison a factory would otherwise script: one {@code openssl x509 -req} process per device,
 * signing with the same issuing key in the same SoftHSM token through the pkcs11 engine
 * (Debian package libengine-pkcs11-openssl). The PIN goes into the engine's URI because the engine
 * has no other non-interactive way to take it; this is a throwaway benchmark token.
 */
final class OpensslLoop {

    record Outcome(double perSecond, String note) {
    }

    private OpensslLoop() {
    }

    /** SunPKCS11's key store names a key by its CKA_ID (the object name's bytes); RFC 7512 writes it percent-encoded. */
    private static String percentEncoded(String object) {
        StringBuilder b = new StringBuilder();
        for (byte x : object.getBytes(StandardCharsets.UTF_8)) {
            b.append('%').append(String.format("%02x", x));
        }
        return b.toString();
    }

    static Outcome run(Path work, Path softhsmConf, CaDirectory ca, String token, String object, String pin,
                       List<String> csrs, List<String> ids, int count) throws Exception {
        if (count <= 0) {
            return new Outcome(Double.NaN, "not run (--openssl-certs 0)");
        }
        if (!Files.exists(CaBench.ENGINE)) {
            return new Outcome(Double.NaN, "not run: the openssl pkcs11 engine is missing (sudo apt-get install libengine-pkcs11-openssl)");
        }
        Path dir = Files.createDirectories(work.resolve("openssl-loop"));
        for (int i = 0; i < Math.min(count, csrs.size()); i++) {
            Files.writeString(dir.resolve("csr" + i + ".pem"), csrs.get(i));
        }
        Files.writeString(dir.resolve("ext.cnf"), """
                [leaf]
                basicConstraints = critical, CA:FALSE
                keyUsage = critical, digitalSignature
                extendedKeyUsage = clientAuth
                subjectKeyIdentifier = hash
                authorityKeyIdentifier = keyid
                """);
        List<String> script = new ArrayList<>();
        script.add("set -e");
        script.add("cd '" + dir + "'");
        script.add("for i in $(seq 0 " + (count - 1) + "); do");
        script.add("  n=$(( i % " + Math.min(count, csrs.size()) + " ))");
        script.add("  openssl x509 -req -in csr$n.pem -CA '" + ca.issuing() + "' -engine pkcs11 -CAkeyform engine"
                + " -CAkey 'pkcs11:token=" + token + ";id=" + percentEncoded(object) + ";type=private?pin-value=" + pin + "'"
                + " -set_serial 0x$(openssl rand -hex 16 | sed 's/^./4/') -days 365 -sha256"
                + " -extfile ext.cnf -extensions leaf -out cert$n.pem 2>/dev/null");
        script.add("done");
        CaBench.writeLines(dir.resolve("loop.sh"), script);
        ProcessBuilder pb = new ProcessBuilder("bash", dir.resolve("loop.sh").toString()).redirectErrorStream(true);
        pb.environment().put("SOFTHSM2_CONF", softhsmConf.toAbsolutePath().toString());
        pb.environment().put("PKCS11_MODULE_PATH", "/usr/lib/softhsm/libsofthsm2.so");
        long start = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            return new Outcome(Double.NaN, "openssl loop failed: " + out.lines().findFirst().orElse("exit " + p.exitValue()));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Path first = dir.resolve("cert0.pem");
        var verify = io.imprint.ca.cli.Openssl.run("verify", "-CAfile", ca.root().toString(), "-untrusted", ca.issuing().toString(), first.toString());
        if (verify.exitCode() != 0) {
            return new Outcome(Double.NaN, "openssl loop produced a certificate that does not verify: " + verify.output().strip());
        }
        return new Outcome(count / seconds, count + " certificates, one openssl process each, " + String.format("%.1f ms", seconds * 1000 / count) + " per certificate");
    }
}

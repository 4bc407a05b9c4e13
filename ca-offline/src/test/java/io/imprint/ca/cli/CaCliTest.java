package io.imprint.ca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.ca.testing.Shell;
import io.imprint.ca.testing.TestCsrs;
import io.imprint.ca.testing.TestTokens;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code imprint ca …} as an operator runs it, on a SoftHSM2 token. The token and the CA that
 * {@code ca init} made in it stay for the class (SoftHSM reads its configuration once per process);
 * each test works on a copy of that CA directory of its own, so its issued and revoked certificates
 * are its alone, whatever order the tests run in.
 */
class CaCliTest {

    @TempDir
    static Path token;
    static String key;
    static Path template;
    static Run init;

    @TempDir
    Path dir;
    Path caDir;

    record Run(int exit, String out, String err) {
    }

    Run ca(String... args) {
        return ca(caDir, args);
    }

    static Run ca(Path caDir, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = CaCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--ca-dir");
        all.add(caDir.toString());
        int exit = cli.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void tokenAndCa() throws Exception {
        Path pin = TestTokens.create(token, "cli-ca");
        key = "pkcs11:token=cli-ca?pin-source=file:" + pin;
        template = token.resolve("ca");
        init = ca(template, "init", "--key", key);
    }

    @BeforeEach
    void ownCaDirectory() throws Exception {
        caDir = dir.resolve("ca");
        TestTokens.copyCaDirectory(template, caDir);
    }

    /** Issues a device certificate for {@code id} in this test's CA directory; returns the serial. */
    private String issued(String id) throws Exception {
        Path csr = Files.writeString(dir.resolve(id + ".pem"), TestCsrs.ec(id));
        Run run = ca("issue", "--profile", "device", "--device-id", id, "--csr", csr.toString(), "--out", dir.resolve(id + ".crt").toString());
        assertThat(run.exit()).as(run.err()).isZero();
        return run.out().replaceFirst("(?s).*serial ([0-9a-f]+).*", "$1");
    }

    @Test
    void initCreatesTheCaAndRefusesToRunAgain() throws Exception {
        assertThat(init.exit()).as(init.err()).isZero();
        assertThat(init.out()).contains("CA created in PKCS#11 token 'cli-ca'").contains("SHA-256");
        assertThat(template.resolve("chain.pem")).exists();
        assertThat(Files.readString(template.resolve("ca.conf"))).contains("key.uri = " + key.replace("?", "?module-path=/usr/lib/softhsm/libsofthsm2.so&"));

        Run again = ca("init", "--key", key);
        assertThat(again.exit()).isEqualTo(CliErrors.REFUSED);
        assertThat(again.err().strip()).startsWith("refused: ").contains("already holds a CA").doesNotContain("\n");
    }

    @Test
    void issueWritesTheCertificateAndChainThatOpensslVerifies() throws Exception {
        Path csr = dir.resolve("req.pem");
        Files.writeString(csr, TestCsrs.ec("SN-000101"));
        Path cert = dir.resolve("cert.pem");
        Path chain = dir.resolve("chain.pem");
        Run run = ca("issue", "--profile", "device", "--device-id", "SN-000101", "--csr", csr.toString(), "--out", cert.toString(), "--chain", chain.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("issued device certificate for SN-000101: serial ");
        Shell.Result verify = Shell.run("openssl", "verify", "-CAfile", caDir.resolve("root.pem").toString(), "-untrusted", chain.toString(), cert.toString());
        assertThat(verify.output()).isEqualTo(cert + ": OK\n");
        assertThat(run.out() + run.err()).doesNotContain(TestTokens.PIN);
    }

    @Test
    void everyRefusalIsOneLineExitThreeAndNoFile() throws Exception {
        record Case(String csr, String id, String line) {
        }
        String good = TestCsrs.ec("SN-000300");
        List<Case> cases = List.of(
                new Case(TestCsrs.badSignature(good), "SN-000300", "refused: CSR signature does not verify (proof of possession failed)"),
                new Case(TestCsrs.pem(TestCsrs.rsaKey(1024), TestCsrs.cn("SN-000300")), "SN-000300", "refused: RSA-1024 key is too weak (at least 2048 bits)"),
                new Case(good, "SN-000301", "refused: CSR subject CN 'SN-000300' is not the device id 'SN-000301'"),
                new Case("garbage", "SN-000300", "refused: not a PEM certificate request (no -----BEGIN CERTIFICATE REQUEST----- line)"),
                new Case("", "SN-000300", "refused: CSR is empty"));
        int n = 0;
        for (Case c : cases) {
            Path csr = dir.resolve("bad" + n + ".pem");
            Path out = dir.resolve("bad" + n++ + ".crt");
            Files.writeString(csr, c.csr());
            Run run = ca("issue", "--profile", "device", "--device-id", c.id(), "--csr", csr.toString(), "--out", out.toString());
            assertThat(run.exit()).as(c.line()).isEqualTo(CliErrors.REFUSED);
            assertThat(run.err()).isEqualTo(c.line() + "\n");
            assertThat(out).doesNotExist();
        }
        Run missing = ca("issue", "--profile", "device", "--device-id", "SN-1", "--csr", dir.resolve("nope.pem").toString(), "--out", dir.resolve("x.crt").toString());
        assertThat(missing.exit()).isEqualTo(CliErrors.REFUSED);
        assertThat(missing.err()).startsWith("refused: cannot read CSR file");
    }

    @Test
    void aBatchQuotaHoldsAcrossRunsAndCannotBeRaised() throws Exception {
        for (int i = 0; i < 3; i++) {
            Path csr = dir.resolve("q" + i + ".pem");
            Files.writeString(csr, TestCsrs.ec("SN-Q" + i));
            List<String> args = new ArrayList<>(List.of("issue", "--profile", "device", "--device-id", "SN-Q" + i, "--csr", csr.toString(),
                    "--out", dir.resolve("q" + i + ".crt").toString(), "--batch", "WO-9"));
            if (i == 0) {
                args.addAll(List.of("--quota", "2"));
            }
            Run run = ca(args.toArray(String[]::new));
            if (i < 2) {
                assertThat(run.exit()).as(run.err()).isZero();
                assertThat(run.out()).contains("(batch WO-9: " + (i + 1) + "/2)");
            } else {
                assertThat(run.exit()).isEqualTo(CliErrors.REFUSED);
                assertThat(run.err()).isEqualTo("refused: batch WO-9 has used its quota of 2 certificates\n");
                assertThat(dir.resolve("q2.crt")).doesNotExist();
            }
        }
        Path csr = dir.resolve("q9.pem");
        Files.writeString(csr, TestCsrs.ec("SN-Q9"));
        Run raise = ca("issue", "--profile", "device", "--device-id", "SN-Q9", "--csr", csr.toString(), "--out", dir.resolve("q9.crt").toString(),
                "--batch", "WO-9", "--quota", "100");
        assertThat(raise.exit()).isEqualTo(CliErrors.REFUSED);
        assertThat(raise.err()).contains("bound to a quota of 2");
    }

    @Test
    void revokeThenCrlProducesACrlOpensslAccepts() throws Exception {
        issued("SN-R1");
        String serial = Files.readAllLines(caDir.resolve("issued.tsv")).getFirst().split("\t")[0];
        Run revoke = ca("revoke", "--serial", serial, "--reason", "keyCompromise");
        assertThat(revoke.exit()).as(revoke.err()).isZero();
        Path out = dir.resolve("out.crl");
        Run crl = ca("crl", "--out", out.toString());
        assertThat(crl.exit()).as(crl.err()).isZero();
        Shell.Result check = Shell.run("openssl", "crl", "-in", out.toString(), "-CAfile", caDir.resolve("chain.pem").toString(), "-noout");
        assertThat(check.output()).contains("verify OK");
        Run unknown = ca("revoke", "--serial", "abcdef", "--reason", "superseded");
        assertThat(unknown.exit()).isEqualTo(CliErrors.REFUSED);
        Run badReason = ca("revoke", "--serial", serial, "--reason", "because");
        assertThat(badReason.exit()).isEqualTo(2);
        assertThat(badReason.err()).contains("unknown revocation reason 'because'");
    }

    @Test
    void showNeedsNoPinAndCountsWhatWasDone() throws Exception {
        issued("SN-S1");
        issued("SN-S2");
        String serial = issued("SN-S3");
        assertThat(ca("revoke", "--serial", serial, "--reason", "superseded").exit()).isZero();
        Run show = ca("show");
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.out()).contains("root CA       CN=Imprint Root CA,O=Imprint").contains("issuing CA    CN=Imprint Issuing CA,O=Imprint")
                .contains("profile       bootstrap: validity PT5M").contains("issued        3").contains("revoked       1");
    }

    @Test
    void aWrongPinIsOneLineAndNeverEchoed() throws Exception {
        Path wrong = dir.resolve("wrong.pin");
        Files.writeString(wrong, "00000000\n");
        Path csr = dir.resolve("w.pem");
        Files.writeString(csr, TestCsrs.ec("SN-W"));
        Run run = ca("issue", "--key", "pkcs11:token=cli-ca?pin-source=file:" + wrong, "--profile", "device", "--device-id", "SN-W",
                "--csr", csr.toString(), "--out", dir.resolve("w.crt").toString());
        assertThat(run.exit()).isEqualTo(CliErrors.FAILED);
        assertThat(run.err()).startsWith("error: PKCS#11 login to token 'cli-ca' refused: wrong PIN").doesNotContain("00000000");
        assertThat(run.err().strip()).doesNotContain("\n");
        assertThat(dir.resolve("w.crt")).doesNotExist();
    }
}

package io.imprint.ca.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.ca.OfflineCa;
import io.imprint.ca.ceremony.CaDirectory;
import io.imprint.ca.ceremony.KeyCeremony;
import io.imprint.ca.crl.RevocationReason;
import io.imprint.ca.key.KeyManager;
import io.imprint.ca.key.KeyManagers;
import io.imprint.ca.key.KeyUri;
import io.imprint.ca.profile.CaConfig;
import io.imprint.ca.testing.Shell;
import io.imprint.ca.testing.TestCsrs;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The CA's acceptance contract, run against every key backend: issuance verified by openssl, the
 * profile's extensions and nothing else, refusals that change nothing, concurrency, quotas, CRLs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CertificateAuthorityContract {

    Path dir;
    CaDirectory caDir;
    OfflineCa ca;

    /** Prepares the backend under {@code dir} and returns its key URI (with a pin-source). */
    abstract KeyUri prepareBackend(Path dir) throws Exception;

    @BeforeAll
    void ceremonyAndOpen() throws Exception {
        dir = Files.createTempDirectory("ca-contract");
        KeyUri uri = prepareBackend(dir);
        caDir = new CaDirectory(dir.resolve("ca"));
        try (KeyManager keys = KeyManagers.open(uri, w -> { })) {
            new KeyCeremony(keys, CaConfig.defaults(), caDir, Clock.systemUTC()).run(uri.toString());
        }
        ca = OfflineCa.open(caDir, CaConfig.defaults(), uri, w -> { }, Clock.systemUTC());
    }

    @AfterAll
    void close() {
        ca.close();
    }

    IssuedCertificate issue(String csr, String id, String profile) throws Exception {
        return ca.authority().issue(IssueRequest.of(csr, id, profile));
    }

    Path write(IssuedCertificate cert) throws Exception {
        Path file = dir.resolve(cert.deviceId() + "-" + cert.serialHex() + ".pem");
        Files.writeString(file, cert.pem());
        return file;
    }

    Shell.Result opensslVerify(Path... certs) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl", "verify", "-x509_strict", "-CAfile", caDir.root().toString(),
                "-untrusted", caDir.issuing().toString()));
        for (Path c : certs) {
            cmd.add(c.toString());
        }
        return Shell.run(cmd.toArray(String[]::new));
    }

    /** The extension section of {@code openssl x509 -text}, one "name[: critical] = value" entry per extension. */
    List<String> opensslExtensions(Path cert) throws Exception {
        String text = Shell.run("openssl", "x509", "-in", cert.toString(), "-noout", "-text").output();
        String section = text.substring(text.indexOf("X509v3 extensions:") + "X509v3 extensions:".length(), text.indexOf("Signature Algorithm:", text.indexOf("X509v3 extensions:")));
        List<String> entries = new ArrayList<>();
        List<String> lines = section.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        for (int i = 0; i < lines.size(); i += 2) {
            entries.add(lines.get(i) + " = " + lines.get(i + 1));
        }
        return entries;
    }

    @Test
    void aDeviceCertificateVerifiesWithOpensslAndCarriesExactlyTheProfilesExtensions() throws Exception {
        IssuedCertificate cert = issue(TestCsrs.ec("SN-000101"), "SN-000101", "device");
        Path file = write(cert);
        Shell.Result verify = opensslVerify(file);
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains(file + ": OK");

        List<String> ext = opensslExtensions(file);
        assertThat(ext).hasSize(6);
        assertThat(ext).anySatisfy(e -> assertThat(e).isEqualTo("X509v3 Basic Constraints: critical = CA:FALSE"));
        assertThat(ext).anySatisfy(e -> assertThat(e).isEqualTo("X509v3 Key Usage: critical = Digital Signature"));
        assertThat(ext).anySatisfy(e -> assertThat(e).isEqualTo("X509v3 Extended Key Usage: = TLS Web Client Authentication"));
        assertThat(ext).anySatisfy(e -> assertThat(e).startsWith("X509v3 Subject Key Identifier: = "));
        assertThat(ext).anySatisfy(e -> assertThat(e).startsWith("X509v3 Authority Key Identifier: = "));
        assertThat(ext).anySatisfy(e -> assertThat(e).isEqualTo("X509v3 Subject Alternative Name: = URI:urn:imprint:device:SN-000101"));

        String subject = Shell.run("openssl", "x509", "-in", file.toString(), "-noout", "-subject", "-nameopt", "RFC2253").output().strip();
        assertThat(subject).isEqualTo("subject=CN=SN-000101,OU=Factory provisioning,O=Imprint");
        assertThat(cert.serial().signum()).isPositive();
        assertThat(cert.serial().toByteArray().length).isLessThanOrEqualTo(20);
    }

    @Test
    void theBootstrapCertificateIsValidFiveMinutesAndTheClaimCertificateHasNoDeviceSan() throws Exception {
        IssuedCertificate boot = issue(TestCsrs.ec("SN-BOOT-1"), "SN-BOOT-1", "bootstrap");
        assertThat(Duration.between(boot.notBefore(), boot.notAfter())).isEqualTo(Duration.ofMinutes(5));
        assertThat(opensslVerify(write(boot)).exitCode()).isZero();

        IssuedCertificate claim = issue(TestCsrs.ec("claim-WO-77"), "claim-WO-77", "claim");
        assertThat(Duration.between(claim.notBefore(), claim.notAfter())).isEqualTo(Duration.ofDays(30));
        Path file = write(claim);
        assertThat(opensslExtensions(file)).hasSize(5).noneMatch(e -> e.contains("Subject Alternative Name"));
    }

    @Test
    void extensionsTheCsrAsksForAreIgnored() throws Exception {
        IssuedCertificate cert = issue(TestCsrs.askingForCaAndSan("SN-000102"), "SN-000102", "device");
        Path file = write(cert);
        List<String> ext = opensslExtensions(file);
        assertThat(ext).contains("X509v3 Basic Constraints: critical = CA:FALSE");
        assertThat(String.join("\n", ext)).doesNotContain("evil.example.com").doesNotContain("CA:TRUE");
        assertThat(cert.holder().getExtensions().getExtension(org.bouncycastle.asn1.x509.Extension.basicConstraints).isCritical()).isTrue();
    }

    @Test
    void refusalsSayWhyAndChangeNothing() throws Exception {
        String good = TestCsrs.ec("SN-000200");
        String truncated = good.substring(0, good.length() / 2);
        String garbageInArmor = "-----BEGIN CERTIFICATE REQUEST-----\nAAAAAAAAAAAAAAAAAAAAAAAA\n-----END CERTIFICATE REQUEST-----\n";
        record Case(String csr, String id, String reason) {
        }
        List<Case> cases = List.of(
                new Case(TestCsrs.badSignature(good), "SN-000200", "CSR signature does not verify (proof of possession failed)"),
                new Case(TestCsrs.tamperedSubject(good, "SN-000200", "SN-000201"), "SN-000201", "CSR signature does not verify (proof of possession failed)"),
                new Case(TestCsrs.pem(TestCsrs.rsaKey(1024), TestCsrs.cn("SN-000200")), "SN-000200", "RSA-1024 key is too weak"),
                new Case(TestCsrs.pem(TestCsrs.rsaKey(2048), TestCsrs.cn("SN-000200")), "SN-000200", "RSA keys are not enabled in profile device"),
                new Case(TestCsrs.pem(TestCsrs.ecKey("secp192r1"), TestCsrs.cn("SN-000200")), "SN-000200", "EC key on curve P-192 (1.2.840.10045.3.1.1) is not accepted"),
                new Case(good, "SN-000999", "CSR subject CN 'SN-000200' is not the device id 'SN-000999'"),
                new Case(TestCsrs.pem(TestCsrs.ecKey("secp256r1"), TestCsrs.cn("SN-000200\u0000evil")), "SN-000200", "CSR subject CN contains NUL or control characters"),
                new Case(TestCsrs.pem(TestCsrs.ecKey("secp256r1"), TestCsrs.cn("SN-000200\r\n")), "SN-000200", "CSR subject CN contains NUL or control characters"),
                new Case(good, "SN-000200\u0000", "device id contains NUL or control characters"),
                new Case(good, "S".repeat(65), "device id is 65 characters long"),
                new Case(truncated, "SN-000200", "CSR PEM is truncated"),
                new Case("this is not a CSR at all", "SN-000200", "not a PEM certificate request"),
                new Case(garbageInArmor, "SN-000200", "CSR is not valid DER"),
                new Case("", "SN-000200", "CSR is empty"),
                new Case("-----BEGIN CERTIFICATE REQUEST-----\n-----END CERTIFICATE REQUEST-----\n", "SN-000200", "CSR is empty"),
                new Case(Pem.encode("PRIVATE KEY", new byte[] {1, 2, 3}), "SN-000200", "PEM holds a PRIVATE KEY"));
        long before = ca.ledger().issuedCount();
        for (Case c : cases) {
            assertThatThrownBy(() -> issue(c.csr(), c.id(), "device"))
                    .as(c.reason())
                    .isInstanceOf(IssuanceRefusedException.class)
                    .hasMessageContaining(c.reason())
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\u0000"));
        }
        assertThat(ca.ledger().issuedCount()).isEqualTo(before);
        assertThat(Files.readAllLines(caDir.path().resolve("issued.tsv"))).hasSize((int) before);
    }

    @Test
    void aNonExistentProfileIsRefused() {
        assertThatThrownBy(() -> issue(TestCsrs.ec("SN-1"), "SN-1", "server"))
                .isInstanceOf(IssuanceRefusedException.class).hasMessageContaining("no certificate profile 'server'");
    }

    @Test
    void eightThreadsIssuingAtOnceGetUniqueSerialsAndValidCertificates() throws Exception {
        int threads = 8;
        int each = 12;
        List<String> csrs = new ArrayList<>();
        for (int i = 0; i < threads * each; i++) {
            csrs.add(TestCsrs.ec("SN-MT-%04d".formatted(i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<IssuedCertificate>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t * each;
            futures.add(pool.submit(() -> {
                start.await();
                List<IssuedCertificate> mine = new ArrayList<>();
                for (int i = first; i < first + each; i++) {
                    mine.add(issue(csrs.get(i), "SN-MT-%04d".formatted(i), "device"));
                }
                return mine;
            }));
        }
        start.countDown();
        List<IssuedCertificate> all = new ArrayList<>();
        for (Future<List<IssuedCertificate>> f : futures) {
            all.addAll(f.get());
        }
        pool.shutdown();
        assertThat(all).hasSize(threads * each);
        assertThat(all.stream().map(IssuedCertificate::serial).distinct()).hasSize(threads * each);
        assertThat(all).allSatisfy(c -> assertThat(c.serial().bitLength()).isBetween(64, 127));
        Shell.Result verify = opensslVerify(all.stream().map(c -> {
            try {
                return write(c);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toArray(Path[]::new));
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output().lines().filter(l -> l.endsWith(": OK"))).hasSize(threads * each);
    }

    @Test
    void aBatchQuotaStopsIssuanceExactlyAtItsLimitEvenUnderConcurrency() throws Exception {
        ca.ledger().bindQuota("WO-4711", 10);
        assertThatThrownBy(() -> ca.ledger().bindQuota("WO-4711", 11)).hasMessageContaining("cannot be changed");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger issued = new AtomicInteger();
        Set<String> refusals = ConcurrentHashMap.newKeySet();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String id = "SN-Q-%03d".formatted(i);
            String csr = TestCsrs.ec(id);
            futures.add(pool.submit(() -> {
                try {
                    ca.authority().issue(IssueRequest.of(csr, id, "device").inBatch("WO-4711"));
                    issued.incrementAndGet();
                } catch (IssuanceRefusedException e) {
                    refusals.add(e.getMessage());
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(issued.get()).isEqualTo(10);
        assertThat(refusals).containsExactly("batch WO-4711 has used its quota of 10 certificates");
        assertThat(ca.ledger().used("WO-4711")).isEqualTo(10);
        assertThatThrownBy(() -> ca.authority().issue(IssueRequest.of(TestCsrs.ec("SN-X"), "SN-X", "device").inBatch("WO-unknown")))
                .hasMessageContaining("has no quota");
    }

    @Test
    void aRefusedCsrDoesNotSpendQuota() throws Exception {
        ca.ledger().bindQuota("WO-2", 1);
        assertThatThrownBy(() -> ca.authority().issue(IssueRequest.of(TestCsrs.ec("SN-A"), "SN-B", "device").inBatch("WO-2")))
                .isInstanceOf(IssuanceRefusedException.class);
        assertThat(ca.ledger().used("WO-2")).isZero();
        ca.authority().issue(IssueRequest.of(TestCsrs.ec("SN-B"), "SN-B", "device").inBatch("WO-2"));
        assertThat(ca.ledger().used("WO-2")).isEqualTo(1);
    }

    @Test
    void aRevokedCertificateAppearsInACrlThatOpensslVerifies() throws Exception {
        IssuedCertificate cert = issue(TestCsrs.ec("SN-REV-1"), "SN-REV-1", "device");
        IssuedCertificate kept = issue(TestCsrs.ec("SN-REV-2"), "SN-REV-2", "device");
        ca.revoke(cert.serial(), RevocationReason.KEY_COMPROMISE);
        assertThatThrownBy(() -> ca.revoke(cert.serial(), RevocationReason.SUPERSEDED)).hasMessageContaining("already revoked");
        assertThatThrownBy(() -> ca.revoke(BigInteger.valueOf(12345), RevocationReason.SUPERSEDED)).hasMessageContaining("was not issued by this CA");
        String crl = ca.publishCrl(Duration.ofDays(7));
        Path crlFile = caDir.path().resolve("crl.pem");
        assertThat(Files.readString(crlFile)).isEqualTo(crl);

        Shell.Result crlCheck = Shell.run("openssl", "crl", "-in", crlFile.toString(), "-CAfile", caDir.chain().toString(), "-noout", "-text");
        assertThat(crlCheck.output()).contains("verify OK").contains("Serial Number: " + opensslHex(cert.serial()))
                .contains("Key Compromise").doesNotContain(opensslHex(kept.serial()));

        Path chainAndCrl = dir.resolve("chain-crl.pem");
        Files.writeString(chainAndCrl, Files.readString(caDir.chain()) + crl);
        Shell.Result revoked = Shell.run("openssl", "verify", "-crl_check", "-CAfile", chainAndCrl.toString(), write(cert).toString());
        assertThat(revoked.exitCode()).isNotZero();
        assertThat(revoked.output()).contains("certificate revoked");
        Shell.Result good = Shell.run("openssl", "verify", "-crl_check", "-CAfile", chainAndCrl.toString(), write(kept).toString());
        assertThat(good.output()).as(good.output()).contains(": OK");
        assertThat(ca.publishCrl(Duration.ofDays(7))).isNotEqualTo(crl);
        assertThat(Files.readString(caDir.crlNumber()).strip()).isEqualTo("2");
    }

    /** Serial numbers as openssl prints them: upper-case hex of whole octets. */
    static String opensslHex(BigInteger serial) {
        String hex = serial.toString(16).toUpperCase();
        return hex.length() % 2 == 1 ? "0" + hex : hex;
    }

    @Test
    void theLedgerSurvivesAReopenAndTheCeremonyRefusesToRunTwice() throws Exception {
        IssuedCertificate cert = issue(TestCsrs.ec("SN-LEDGER"), "SN-LEDGER", "device");
        assertThat(Files.readString(caDir.path().resolve("issued.tsv"))).contains(cert.serialHex() + "\tSN-LEDGER\tdevice\t-\t");
        assertThatThrownBy(() -> new KeyCeremony(null, CaConfig.defaults(), caDir, Clock.systemUTC()).run("x"))
                .hasMessageContaining("already holds a CA");
        assertThat(Files.readString(caDir.ceremony())).doesNotContain(io.imprint.ca.testing.TestTokens.PIN);
        assertThat(io.imprint.ca.ceremony.CeremonyRecord.MAPPER.readTree(caDir.ceremony().toFile()).findValuesAsText("label"))
                .containsExactly("root-ca", "issuing-ca");
        assertThat(Optional.of(caDir.path().resolve("issued.tsv"))).isPresent();
    }
}

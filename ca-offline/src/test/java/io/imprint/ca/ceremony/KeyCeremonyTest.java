package io.imprint.ca.ceremony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.ca.CaException;
import io.imprint.ca.OfflineCa;
import io.imprint.ca.issue.IssueRequest;
import io.imprint.ca.issue.IssuedCertificate;
import io.imprint.ca.key.KeyManager;
import io.imprint.ca.key.KeyManagers;
import io.imprint.ca.key.KeyUri;
import io.imprint.ca.profile.CaConfig;
import io.imprint.ca.testing.Shell;
import io.imprint.ca.testing.TestCsrs;
import io.imprint.ca.testing.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key ceremony in SoftHSM2 with the optional RSA-3072 issuing key, and its refusals. */
class KeyCeremonyTest {

    @TempDir
    static Path dir;
    static KeyUri uri;

    @BeforeAll
    static void token() throws Exception {
        Path pin = TestTokens.create(dir, "ceremony");
        uri = KeyUri.parse("pkcs11:token=ceremony?pin-source=file:" + pin);
    }

    @Test
    void anRsa3072IssuingKeySignsLeavesOpensslAccepts() throws Exception {
        Path conf = dir.resolve("rsa.conf");
        Files.writeString(conf, "issuing.key-type = rsa-3072\nissuing.object = issuing-rsa\nroot.object = root-rsa\n");
        CaConfig config = CaConfig.load(conf);
        CaDirectory ca = new CaDirectory(dir.resolve("rsa-ca"));
        try (KeyManager keys = KeyManagers.open(uri, w -> { })) {
            KeyCeremony.Result result = new KeyCeremony(keys, config, ca, Clock.systemUTC()).run(uri.toString());
            assertThat(((RSAPublicKey) result.issuing().getPublicKey()).getModulus().bitLength()).isEqualTo(3072);
            assertThat(result.root().getPublicKey().getAlgorithm()).isEqualTo("EC");
        }
        try (OfflineCa open = OfflineCa.open(ca, config, uri, w -> { }, Clock.systemUTC())) {
            IssuedCertificate cert = open.authority().issue(IssueRequest.of(TestCsrs.ec("SN-RSA-1"), "SN-RSA-1", "device"));
            Path file = dir.resolve("rsa-leaf.pem");
            Files.writeString(file, cert.pem());
            Shell.Result verify = Shell.run("openssl", "verify", "-x509_strict", "-CAfile", ca.root().toString(), "-untrusted", ca.issuing().toString(), file.toString());
            assertThat(verify.output()).isEqualTo(file + ": OK\n");
            assertThat(Shell.run("openssl", "x509", "-in", file.toString(), "-noout", "-text").output()).contains("sha256WithRSAEncryption");
        }
    }

    @Test
    void aCeremonyRefusesKeysThatAlreadyExistInTheTokenAndLeavesThemAlone() throws Exception {
        CaDirectory first = new CaDirectory(dir.resolve("first"));
        CaDirectory second = new CaDirectory(dir.resolve("second"));
        try (KeyManager keys = KeyManagers.open(uri, w -> { })) {
            KeyCeremony.Result made = new KeyCeremony(keys, CaConfig.defaults(), first, Clock.systemUTC()).run(uri.toString());
            assertThatThrownBy(() -> new KeyCeremony(keys, CaConfig.defaults(), second, Clock.systemUTC()).run(uri.toString()))
                    .isInstanceOf(CaException.class)
                    .hasMessage("refused: key 'root-ca' already exists in PKCS#11 token 'ceremony' (" + KeyUri.DEFAULT_MODULE + "); a ceremony never overwrites keys");
            assertThat(second.path()).doesNotExist();
            assertThat(keys.publicKey("issuing-ca")).isEqualTo(made.issuing().getPublicKey());
        }
    }

    @Test
    void theCaRefusesToStartWithAChainThatIsNotItsKeys() throws Exception {
        CaDirectory mine = new CaDirectory(dir.resolve("mine"));
        Path conf = dir.resolve("other.conf");
        Files.writeString(conf, "issuing.object = other-issuing\nroot.object = other-root\n");
        try (KeyManager keys = KeyManagers.open(uri, w -> { })) {
            new KeyCeremony(keys, CaConfig.load(conf), mine, Clock.systemUTC()).run(uri.toString());
        }
        // The chain belongs to other-issuing; the default config points at issuing-ca.
        assertThatThrownBy(() -> OfflineCa.open(mine, CaConfig.defaults(), uri.withObject("ceremony-missing"), w -> { }, Clock.systemUTC()))
                .hasMessageContaining("no key named 'ceremony-missing'");
        try (KeyManager keys = KeyManagers.open(uri, w -> { })) {
            if (!keys.exists("issuing-ca")) {
                new KeyCeremony(keys, CaConfig.defaults(), new CaDirectory(dir.resolve("default")), Clock.systemUTC()).run(uri.toString());
            }
        }
        assertThatThrownBy(() -> OfflineCa.open(mine, CaConfig.defaults(), uri, w -> { }, Clock.systemUTC()))
                .hasMessageContaining("the issuing certificate does not belong to key 'issuing-ca'");
    }
}

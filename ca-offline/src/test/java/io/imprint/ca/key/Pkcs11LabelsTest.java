package io.imprint.ca.key;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.ca.softhsm.SoftHsm;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.Signature;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.operator.ContentSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CKA_LABEL on SunPKCS11-made keys, against SoftHSM2 on a fresh token for this class. */
class Pkcs11LabelsTest {

    @TempDir
    static Path dir;

    static final String PIN = "11223344";

    static Path conf;
    static Pkcs11KeyManager km;

    @BeforeAll
    static void keyWithCertificate() throws Exception {
        conf = SoftHsm.use(dir);
        SoftHsm.initToken(conf, "labels", PIN, "55667788");
        km = Pkcs11KeyManager.open((KeyUri.Pkcs11) KeyUri.parse("pkcs11:token=labels"), PIN.toCharArray());
        KeySigner signer = km.createKey("issuing-ca", KeyAlgorithm.EC_P256);
        km.storeChain("issuing-ca", List.of(KeyManagerContract.selfSigned(signer)));
    }

    @AfterAll
    static void close() {
        if (km != null) {
            km.close();
        }
    }

    @Test
    void storingTheChainLabelsTheKeyAndARelabelKeepsItSigning() throws Exception {
        assertThat(listObjects("privkey")).contains("label:      issuing-ca");

        Pkcs11Labels.label(SoftHsm.MODULE, Pkcs11Slots.slotOf(SoftHsm.MODULE, "labels"), "issuing-ca".getBytes(UTF_8), "issuing-ca-2026");

        assertThat(listObjects("privkey")).contains("label:      issuing-ca-2026");
        KeySigner signer = km.signer("issuing-ca");
        ContentSigner cs = signer.contentSigner();
        byte[] data = "labelled".getBytes(UTF_8);
        try (OutputStream out = cs.getOutputStream()) {
            out.write(data);
        }
        Signature verify = Signature.getInstance(signer.signatureAlgorithm());
        verify.initVerify(signer.publicKey());
        verify.update(data);
        assertThat(verify.verify(cs.getSignature())).isTrue();
    }

    @Test
    void anUnknownIdIsAnError() {
        assertThatThrownBy(() -> Pkcs11Labels.label(SoftHsm.MODULE, Pkcs11Slots.slotOf(SoftHsm.MODULE, "labels"),
                "absent".getBytes(UTF_8), "absent"))
                .isInstanceOf(KeyManagerException.class)
                .hasMessageContaining("'absent'")
                .hasMessageContaining("no private key");
    }

    private static String listObjects(String type) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("pkcs11-tool", "--module", SoftHsm.MODULE.toString(), "--token-label", "labels",
                "--login", "--pin", PIN, "--list-objects", "--type", type).redirectErrorStream(true);
        pb.environment().put("SOFTHSM2_CONF", conf.toAbsolutePath().toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}

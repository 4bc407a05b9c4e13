package io.imprint.ca.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.junit.jupiter.api.Test;

/** One contract, run against every key backend. */
abstract class KeyManagerContract {

    /** Opens the backend under test; every call reaches the same underlying store. */
    abstract KeyManager open() throws Exception;

    /** Opens the backend with a wrong PIN. */
    abstract KeyManager openWithWrongPin() throws Exception;

    abstract String wrongPin();

    @Test
    void createdKeySignsAndTheSignatureVerifies() throws Exception {
        for (KeyAlgorithm alg : List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384)) {
            try (KeyManager km = open()) {
                KeySigner signer = km.createKey("sign-" + alg, alg);
                assertThat(signer.signatureAlgorithm()).isEqualTo(alg.signatureAlgorithm());
                assertThat(verifies(signer, "board SN-1".getBytes(StandardCharsets.UTF_8))).as(alg.name()).isTrue();
            }
        }
    }

    @Test
    void keyIsFoundAgainInALaterSessionOnceItsCertificateIsStored() throws Exception {
        PublicKey created;
        try (KeyManager km = open()) {
            KeySigner signer = km.createKey("kept", KeyAlgorithm.EC_P256);
            created = signer.publicKey();
            KeyManagers.certificateStore(km).storeChain("kept", List.of(selfSigned(signer)));
        }
        try (KeyManager km = open()) {
            assertThat(km.exists("kept")).isTrue();
            assertThat(km.publicKey("kept").getEncoded()).isEqualTo(created.getEncoded());
            assertThat(KeyManagers.certificateStore(km).chain("kept")).hasSize(1);
            KeySigner again = km.signer("kept");
            ContentSigner cs = again.contentSigner();
            cs.getOutputStream().write(1);
            Signature verify = Signature.getInstance("SHA256withECDSA");
            verify.initVerify(created);
            verify.update((byte) 1);
            assertThat(verify.verify(cs.getSignature())).isTrue();
        }
    }

    @Test
    void anExistingKeyIsNeverOverwritten() throws Exception {
        try (KeyManager km = open()) {
            KeySigner signer = km.createKey("only-once", KeyAlgorithm.EC_P256);
            KeyManagers.certificateStore(km).storeChain("only-once", List.of(selfSigned(signer)));
            assertThatThrownBy(() -> km.createKey("only-once", KeyAlgorithm.EC_P256))
                    .isInstanceOf(KeyManagerException.class)
                    .hasMessageContaining("already exists");
            assertThat(km.publicKey("only-once").getEncoded()).isEqualTo(signer.publicKey().getEncoded());
        }
    }

    @Test
    void aMissingKeyIsNamedInTheError() throws Exception {
        try (KeyManager km = open()) {
            assertThat(km.exists("nothing-here")).isFalse();
            assertThatThrownBy(() -> km.signer("nothing-here"))
                    .isInstanceOf(KeyManagerException.class)
                    .hasMessageContaining("nothing-here");
        }
    }

    @Test
    void aWrongPinIsRefusedWithoutRevealingIt() throws Exception {
        try (KeyManager km = open()) {
            KeySigner signer = km.createKey("pin-check", KeyAlgorithm.EC_P256);
            KeyManagers.certificateStore(km).storeChain("pin-check", List.of(selfSigned(signer)));
        }
        assertThatThrownBy(this::openWithWrongPin)
                .isInstanceOf(KeyManagerException.class)
                .hasMessageContaining("wrong PIN")
                .satisfies(e -> assertThat(stackText(e)).doesNotContain(wrongPin()));
    }

    static String stackText(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }

    static X509Certificate selfSigned(KeySigner signer) throws Exception {
        X500Name name = new X500Name("CN=" + signer.object());
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()), Date.from(now),
                Date.from(now.plusSeconds(3600)), name, signer.publicKey());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer.contentSigner()));
    }

    /** Whether {@code signer}'s signature over {@code data} verifies with its public key. */
    static boolean verifies(KeySigner signer, byte[] data) throws Exception {
        ContentSigner cs = signer.contentSigner();
        try (OutputStream out = cs.getOutputStream()) {
            out.write(data);
        }
        Signature check = Signature.getInstance(signer.signatureAlgorithm());
        check.initVerify(signer.publicKey());
        check.update(data);
        return check.verify(cs.getSignature());
    }
}

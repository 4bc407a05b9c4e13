package io.imprint.device.nrf91;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** A throwaway EC CA in memory: the drivers know nothing of the real one. */
final class TestCa {

    private static final X500Name NAME = new X500Name("CN=nRF91 Test CA");
    private final KeyPair key;
    final byte[] certificate;

    TestCa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        key = g.generateKeyPair();
        Instant now = Instant.now();
        var b = new X509v3CertificateBuilder(NAME, BigInteger.ONE, Date.from(now), Date.from(now.plus(Duration.ofDays(1))), NAME,
                SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        certificate = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())).getEncoded();
    }

    byte[] sign(byte[] csrDer) throws Exception {
        PKCS10CertificationRequest csr = new PKCS10CertificationRequest(csrDer);
        Instant now = Instant.now();
        var b = new X509v3CertificateBuilder(NAME, new BigInteger(64, new SecureRandom()), Date.from(now),
                Date.from(now.plus(Duration.ofDays(1))), csr.getSubject(), csr.getSubjectPublicKeyInfo());
        return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())).getEncoded();
    }
}

package io.imprint.device.session;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * A stand-in signer for the driver tests: the device drivers know nothing of the real CA, and these
 * tests are about the wire, so a CA in memory does.
 */
final class TestCa {

    private final KeyPair key;
    private final X509Certificate cert;

    TestCa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        key = g.generateKeyPair();
        X500Name name = new X500Name("CN=Driver Test CA");
        Instant now = Instant.now();
        var b = new X509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now), Date.from(now.plus(Duration.ofDays(1))), name,
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        cert = new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    }

    X509Certificate sign(byte[] csrDer) throws Exception {
        PKCS10CertificationRequest csr = new PKCS10CertificationRequest(csrDer);
        Instant now = Instant.now();
        var b = new X509v3CertificateBuilder(new X500Name("CN=Driver Test CA"), new BigInteger(64, new SecureRandom()),
                Date.from(now), Date.from(now.plus(Duration.ofDays(1))), csr.getSubject(), csr.getSubjectPublicKeyInfo());
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    }

    List<byte[]> chain() throws Exception {
        return List.of(cert.getEncoded());
    }
}

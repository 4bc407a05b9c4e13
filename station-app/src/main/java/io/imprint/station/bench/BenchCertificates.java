package io.imprint.station.bench;

import io.imprint.station.audit.ChainSigner;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Real certificates for the export benchmark, where the formats parse them (a manifest lists each board's
 * public key): a throwaway CA, one board certificate it signs (every seeded board carries it), and a
 * certificate of the bench's station key.
 *
 * <p>Immutable and thread-safe.
 */
record BenchCertificates(X509Certificate ca, X509Certificate board, X509Certificate station) {

    static BenchCertificates make(ChainSigner stationKey) throws GeneralSecurityException {
        try {
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair caKeys = ec.generateKeyPair();
            ContentSigner caSigner = new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate());
            X509Certificate ca = certificate("CN=Bench CA", "CN=Bench CA", caKeys.getPublic(), true, caSigner);
            X509Certificate board = certificate("CN=Bench CA", "CN=BENCH-board", ec.generateKeyPair().getPublic(), false, caSigner);
            X509Certificate station = certificate("CN=Bench station", "CN=Bench station", stationKey.publicKey(), false, adapter(stationKey));
            return new BenchCertificates(ca, board, station);
        } catch (org.bouncycastle.operator.OperatorCreationException | java.io.IOException e) {
            throw new GeneralSecurityException("cannot make the bench certificates: " + e.getMessage(), e);
        }
    }

    private static X509Certificate certificate(String issuer, String subject, PublicKey key, boolean ca, ContentSigner signer)
            throws java.io.IOException, GeneralSecurityException {
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(System.nanoTime()),
                Date.from(Instant.now().minusSeconds(60)), Date.from(Instant.now().plusSeconds(86_400L * 365 * 20)), new X500Name(subject), key);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        return new JcaX509CertificateConverter().getCertificate(b.build(signer));
    }

    /** A content signer over a {@link ChainSigner}, whose private key the bench never sees. */
    private static ContentSigner adapter(ChainSigner key) {
        AlgorithmIdentifier id = new DefaultSignatureAlgorithmIdentifierFinder().find(key.algorithm());
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        return new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return id;
            }

            @Override
            public OutputStream getOutputStream() {
                return data;
            }

            @Override
            public byte[] getSignature() {
                try {
                    return key.sign(data.toByteArray());
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    static String pem(X509Certificate c) throws GeneralSecurityException {
        return "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }
}

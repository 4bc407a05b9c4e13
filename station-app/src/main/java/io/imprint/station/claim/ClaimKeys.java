package io.imprint.station.claim;

import io.imprint.station.claim.ClaimException.Reason;
import java.io.CharArrayReader;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The key work of claim credentials: a fresh P-256 key and its CSR, PEM in, and the check that an
 * imported key belongs to its certificate. Keys are returned as PKCS#8 DER arrays the caller wipes;
 * the JCA and BouncyCastle objects in between cannot be wiped and are dropped for the collector.
 * Messages never include key bytes.
 *
 * <p>Stateless and thread-safe.
 */
final class ClaimKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ClaimKeys() {
    }

    /** Made in the station's memory, not in a token: the claim key must be copied to every board of the batch. */
    static KeyPair newP256() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is missing from this JDK", e);
        }
    }

    /** The claim key's CSR, DER: what the CA takes. */
    static byte[] csrDer(KeyPair pair, String commonName) {
        try {
            var subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
            byte[] der = new JcaPKCS10CertificationRequestBuilder(subject, pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())).getEncoded();
            return der;
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot build the claim CSR", e);
        }
    }

    static X509CertificateHolder certificate(String pem) throws ClaimException {
        try (PEMParser parser = new PEMParser(new StringReader(pem == null ? "" : pem))) {
            if (parser.readObject() instanceof X509CertificateHolder cert) {
                return cert;
            }
        } catch (IOException | RuntimeException e) {
            throw new ClaimException(Reason.BAD_IMPORT, "the claim certificate is not a readable PEM certificate: " + e.getMessage(), e);
        }
        throw new ClaimException(Reason.BAD_IMPORT, "the claim certificate PEM holds no CERTIFICATE block");
    }

    /** The PKCS#8 DER of the key in {@code pem}: PKCS#8, SEC 1 EC or PKCS#1 RSA, unencrypted. */
    static byte[] pkcs8(char[] pem) throws ClaimException {
        try (PEMParser parser = new PEMParser(new CharArrayReader(pem))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                PrivateKeyInfo info = switch (o) {
                    case PrivateKeyInfo k -> k;
                    case PEMKeyPair pair -> pair.getPrivateKeyInfo();
                    default -> null;
                };
                if (info != null) {
                    return info.getEncoded("DER");
                }
                if (o.getClass().getSimpleName().contains("Encrypted")) {
                    throw new ClaimException(Reason.BAD_IMPORT, "the claim key is encrypted: export it unencrypted onto the supervisor's medium and import that");
                }
            }
        } catch (IOException | RuntimeException e) {
            // PEMParser messages describe the structure, not the key bytes.
            throw new ClaimException(Reason.BAD_IMPORT, "the claim key is not a readable PEM private key: " + e.getClass().getSimpleName());
        }
        throw new ClaimException(Reason.BAD_IMPORT, "the claim key PEM holds no PRIVATE KEY block");
    }

    /** The key signs a random challenge and the certificate's public key verifies it. */
    static void checkPair(X509CertificateHolder cert, byte[] pkcs8) throws ClaimException {
        PrivateKey key = privateKey(pkcs8);
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            byte[] challenge = new byte[32];
            RANDOM.nextBytes(challenge);
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(challenge);
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(new JcaX509CertificateConverter().getCertificate(cert).getPublicKey());
            verify.update(challenge);
            if (verify.verify(sign.sign())) {
                return;
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            // A key of another type or curve than the certificate's: it does not belong either.
        }
        throw new ClaimException(Reason.BAD_IMPORT, "the claim key does not belong to the claim certificate");
    }

    /** Plain JCA key types: BouncyCastle's converter asks for "ECDSA", which only its own provider knows. */
    private static PrivateKey privateKey(byte[] pkcs8) throws ClaimException {
        try {
            String type = switch (PrivateKeyInfo.getInstance(pkcs8).getPrivateKeyAlgorithm().getAlgorithm().getId()) {
                case "1.2.840.10045.2.1" -> "EC";
                case "1.2.840.113549.1.1.1" -> "RSA";
                default -> throw new ClaimException(Reason.BAD_IMPORT, "the claim key is neither EC nor RSA");
            };
            return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | RuntimeException e) {
            // JDK key-parsing messages describe the structure ("EC domain parameters must be encoded..."), never the key.
            throw new ClaimException(Reason.BAD_IMPORT, "the claim key cannot be used: " + root(e));
        }
    }

    private static String root(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    static byte[] der(X509CertificateHolder cert) {
        try {
            return cert.getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("a parsed certificate does not encode", e);
        }
    }
}

package io.imprint.device.sim;

import io.imprint.device.protocol.KeyType;
import java.io.IOException;
import java.security.SecureRandom;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.DSADigestSigner;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;

/**
 * The cryptography a board's secure element does: make a key and its CSR, sign a challenge. Keys are
 * PKCS#8 as a board would export them (and as the station injects them).
 *
 * <p>BouncyCastle's lightweight EC code, not the JDK's: the virtual boards share the station's cores
 * in the benchmark, and a key, a CSR and a proof took 280 µs of CPU per board with the JDK's SunEC
 * against 170 µs with this (JDK 25, P-256), time the measured station did not have.
 *
 * <p>Stateless and thread-safe.
 */
final class SimulatedKeys {

    record Generated(byte[] pkcs8, byte[] csr) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ECNamedDomainParameters P256 = curve(SECObjectIdentifiers.secp256r1);
    private static final ECNamedDomainParameters P384 = curve(SECObjectIdentifiers.secp384r1);
    private static final AlgorithmIdentifier SHA256_WITH_ECDSA = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
    private static final AlgorithmIdentifier SHA384_WITH_ECDSA = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA384withECDSA");
    private static final DefaultDigestAlgorithmIdentifierFinder DIGESTS = new DefaultDigestAlgorithmIdentifierFinder();

    private SimulatedKeys() {
    }

    static Generated generate(KeyType type, String subjectCn) {
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(type == KeyType.EC_P384 ? P384 : P256, RANDOM));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        var subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, subjectCn).build();
        try {
            AlgorithmIdentifier signature = type == KeyType.EC_P384 ? SHA384_WITH_ECDSA : SHA256_WITH_ECDSA;
            AlgorithmIdentifier digest = DIGESTS.find(signature);
            byte[] csr = new PKCS10CertificationRequestBuilder(subject, SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pair.getPublic()))
                    .build(new BcECContentSignerBuilder(signature, digest).build(pair.getPrivate())).getEncoded();
            return new Generated(PrivateKeyInfoFactory.createPrivateKeyInfo(pair.getPrivate()).getEncoded(), csr);
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("virtual secure element failed", e);
        }
    }

    /** A DER ECDSA signature over {@code challenge}, with SHA-256 for P-256 keys and SHA-384 for P-384. */
    static byte[] sign(byte[] pkcs8, byte[] challenge) {
        ECPrivateKeyParameters key;
        try {
            key = (ECPrivateKeyParameters) PrivateKeyFactory.createKey(pkcs8);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("virtual secure element cannot sign", e);
        }
        boolean p384 = key.getParameters().getCurve().getFieldSize() > 256;
        DSADigestSigner signer = new DSADigestSigner(new ECDSASigner(new HMacDSAKCalculator(digest(p384))), digest(p384));
        signer.init(true, key);
        signer.update(challenge, 0, challenge.length);
        return signer.generateSignature();
    }

    static boolean isPrivateKey(KeyType type, byte[] pkcs8) {
        try {
            return PrivateKeyFactory.createKey(pkcs8) instanceof ECPrivateKeyParameters ec
                    && ec.getParameters().getCurve().getFieldSize() == (type == KeyType.EC_P384 ? 384 : 256);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Digest digest(boolean p384) {
        return p384 ? new SHA384Digest() : new SHA256Digest();
    }

    private static ECNamedDomainParameters curve(ASN1ObjectIdentifier oid) {
        return new ECNamedDomainParameters(oid, CustomNamedCurves.getByOID(oid));
    }
}

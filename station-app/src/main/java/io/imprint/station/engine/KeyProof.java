package io.imprint.station.engine;

import io.imprint.device.session.BoardException;
import io.imprint.device.session.BoardSession;
import io.imprint.station.store.CertificateRecords.CertificateRow;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * The station's challenge: 32 fresh random bytes the board signs with its stored key, checked against a
 * certificate's public key. Proves the board holds the key of that certificate.
 *
 * <p>Not thread-safe: bound to one session.
 */
final class KeyProof {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final BoardSession session;

    KeyProof(BoardSession session) {
        this.session = session;
    }

    boolean holds(CertificateRow cert) throws BoardException {
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        byte[] signature;
        try {
            signature = session.proveKey(challenge);
        } catch (BoardException e) {
            if (e.reason() == BoardException.Reason.BOARD_ERROR) {
                return false;
            }
            throw e;
        }
        return verifies(Certificates.der(cert.pem()), challenge, signature);
    }

    /**
     * Whether {@code signature} (DER ECDSA) over {@code message} verifies with the key of the certificate
     * {@code certificateDer}. BouncyCastle's lightweight EC code: the JDK's verified about five times
     * slower and was the largest single cost of a slot (docs/PERFORMANCE.md).
     */
    static boolean verifies(byte[] certificateDer, byte[] message, byte[] signature) {
        try {
            var spki = org.bouncycastle.asn1.x509.Certificate.getInstance(certificateDer).getSubjectPublicKeyInfo();
            if (!(PublicKeyFactory.createKey(spki) instanceof ECPublicKeyParameters key)) {
                return false;
            }
            Digest digest = key.getParameters().getCurve().getFieldSize() > 256 ? new SHA384Digest() : new SHA256Digest();
            byte[] hash = new byte[digest.getDigestSize()];
            digest.update(message, 0, message.length);
            digest.doFinal(hash, 0);
            ASN1Sequence rs = ASN1Sequence.getInstance(signature);
            if (rs.size() != 2 || !Arrays.equals(rs.getEncoded(ASN1Encoding.DER), signature)) {
                return false;
            }
            ECDSASigner verifier = new ECDSASigner();
            verifier.init(false, key);
            return verifier.verifySignature(hash, ASN1Integer.getInstance(rs.getObjectAt(0)).getPositiveValue(),
                    ASN1Integer.getInstance(rs.getObjectAt(1)).getPositiveValue());
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }
}

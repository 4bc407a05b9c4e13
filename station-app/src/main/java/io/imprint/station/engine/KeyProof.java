package io.imprint.station.engine;

import io.imprint.device.session.BoardException;
import io.imprint.device.session.BoardSession;
import io.imprint.station.store.CertificateRecords.CertificateRow;
import io.imprint.station.util.EcdsaVerifier;
import java.security.SecureRandom;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
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
            return PublicKeyFactory.createKey(spki) instanceof ECPublicKeyParameters key && EcdsaVerifier.verifies(key, message, signature);
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }
}

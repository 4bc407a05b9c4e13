package io.imprint.station.engine;

import io.imprint.device.session.BoardException;
import io.imprint.device.session.BoardSession;
import io.imprint.station.store.CertificateRecords.CertificateRow;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;

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
        try {
            X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Certificates.der(cert.pem())));
            PublicKey key = x509.getPublicKey();
            boolean big = key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() > 256;
            Signature verify = Signature.getInstance(big ? "SHA384withECDSA" : "SHA256withECDSA");
            verify.initVerify(key);
            verify.update(challenge);
            return verify.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}

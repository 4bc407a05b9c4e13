package io.imprint.station.engine;

import io.imprint.device.family.Board;
import io.imprint.device.family.Evidence;
import io.imprint.device.session.BoardException;
import io.imprint.station.util.EcdsaVerifier;
import java.util.List;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Whether a board holds a certificate: for a board that signs (the Imprint protocol's VERIFY), its
 * signature over the board driver's fresh challenge checked against the certificate's key, which proves
 * it holds the key; for a family that can only read back what it stored (nRF91, SMP), its hashes.
 *
 * <p>Stateless and thread-safe.
 */
final class KeyProof {

    private KeyProof() {
    }

    static boolean holds(Board board, byte[] certificateDer, List<byte[]> chainDer) throws BoardException {
        return switch (board.verify(certificateDer, chainDer)) {
            case Evidence.KeySignature(byte[] challenge, byte[] signature) -> verifies(certificateDer, challenge, signature);
            case Evidence.ReadBack(boolean matches, String detail) -> matches;
            case Evidence.Nothing nothing -> false;
        };
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

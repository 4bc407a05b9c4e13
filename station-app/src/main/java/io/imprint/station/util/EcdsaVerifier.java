package io.imprint.station.util;

import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * Verifies DER-encoded ECDSA signatures with BouncyCastle's lightweight EC code, SHA-256 for P-256 keys and
 * SHA-384 above: the JDK's verified about five times slower, the largest single cost of a slot's key proof
 * and of verifying an audit trail's checkpoints (docs/PERFORMANCE.md). A signature that is not canonical
 * DER is refused, as the JDK refuses it.
 *
 * <p>Stateless and thread-safe.
 */
public final class EcdsaVerifier {

    private EcdsaVerifier() {
    }

    public static boolean verifies(ECPublicKeyParameters key, byte[] message, byte[] derSignature) {
        try {
            Digest digest = key.getParameters().getCurve().getFieldSize() > 256 ? new SHA384Digest() : new SHA256Digest();
            byte[] hash = new byte[digest.getDigestSize()];
            digest.update(message, 0, message.length);
            digest.doFinal(hash, 0);
            ASN1Sequence rs = ASN1Sequence.getInstance(derSignature);
            if (rs.size() != 2 || !Arrays.equals(rs.getEncoded(ASN1Encoding.DER), derSignature)) {
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

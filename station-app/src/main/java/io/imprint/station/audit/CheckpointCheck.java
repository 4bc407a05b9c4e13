package io.imprint.station.audit;

import io.imprint.station.audit.AuditFinding.BadSignature;
import io.imprint.station.audit.AuditFinding.CheckpointMismatch;
import io.imprint.station.audit.AuditFinding.ForeignSigner;
import io.imprint.station.audit.AuditFinding.OrphanCheckpoint;
import io.imprint.station.audit.AuditFinding.UnsignedTail;
import java.security.GeneralSecurityException;
import io.imprint.station.util.EcdsaVerifier;
import java.security.PublicKey;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks each checkpoint's signature with a trusted key, and that it seals the hash its row carries.
 * A good checkpoint vouches for every row up to it through the hash links; rows after the last good
 * one are reported as an unsigned tail.
 *
 * <p>Stateless and thread-safe.
 */
final class CheckpointCheck {

    private CheckpointCheck() {
    }

    /**
     * @param trusted           keys the verifier trusts, by key id
     * @param hashesAtRows      the hash each checkpointed row carries, for rows present in the log
     * @param lastSeq           the highest seq in the log
     */
    static List<AuditFinding> check(List<AuditCheckpoint> checkpoints, Map<String, PublicKey> trusted,
                                    Map<Long, String> hashesAtRows, long lastSeq) {
        List<AuditFinding> findings = new ArrayList<>();
        Map<PublicKey, Optional<ECPublicKeyParameters>> ecKeys = new java.util.HashMap<>();
        long lastGood = 0;
        for (AuditCheckpoint checkpoint : checkpoints.stream().sorted(Comparator.comparingLong(AuditCheckpoint::seq)).toList()) {
            PublicKey key = trusted.get(checkpoint.signerKeyId());
            String rowHash = hashesAtRows.get(checkpoint.seq());
            if (key == null) {
                findings.add(new ForeignSigner(checkpoint.seq(), checkpoint.signerKeyId()));
            } else if (!verifies(key, ecKeys.computeIfAbsent(key, CheckpointCheck::ecKey), checkpoint)) {
                findings.add(new BadSignature(checkpoint.seq()));
            } else if (rowHash == null) {
                findings.add(new OrphanCheckpoint(checkpoint.seq()));
            } else if (!rowHash.equals(checkpoint.headHash())) {
                findings.add(new CheckpointMismatch(checkpoint.seq()));
            } else {
                lastGood = Math.max(lastGood, checkpoint.seq());
            }
        }
        if (lastSeq > lastGood) {
            findings.add(new UnsignedTail(lastGood + 1, lastSeq - lastGood));
        }
        return findings;
    }

    /**
     * EC keys through {@link EcdsaVerifier}: a report verifies every checkpoint of the station's chain (two
     * thousand for a 100,000-device batch), and the JDK's ECDSA was a fifth of a report's time.
     */
    /** The key as BouncyCastle's parameters; empty for a key that is not EC (RSA goes through the JDK). */
    private static Optional<ECPublicKeyParameters> ecKey(PublicKey key) {
        try {
            return org.bouncycastle.crypto.util.PublicKeyFactory.createKey(key.getEncoded()) instanceof ECPublicKeyParameters ec
                    ? Optional.of(ec) : Optional.empty();
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean verifies(PublicKey key, Optional<ECPublicKeyParameters> ecKey, AuditCheckpoint checkpoint) {
        if (ecKey.isPresent()) {
            return EcdsaVerifier.verifies(ecKey.get(), checkpoint.message(), checkpoint.signature());
        }
        try {
            Signature signature = Signature.getInstance(StationKeys.signatureAlgorithm(key));
            signature.initVerify(key);
            signature.update(checkpoint.message());
            return signature.verify(checkpoint.signature());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // A malformed signature (bad DER) is a bad signature, not an error of the verifier.
            return false;
        }
    }
}

package io.imprint.station.audit;

import io.imprint.station.audit.AuditFinding.BadSignature;
import io.imprint.station.audit.AuditFinding.CheckpointMismatch;
import io.imprint.station.audit.AuditFinding.ForeignSigner;
import io.imprint.station.audit.AuditFinding.OrphanCheckpoint;
import io.imprint.station.audit.AuditFinding.UnsignedTail;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

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
        long lastGood = 0;
        for (AuditCheckpoint checkpoint : checkpoints.stream().sorted(Comparator.comparingLong(AuditCheckpoint::seq)).toList()) {
            PublicKey key = trusted.get(checkpoint.signerKeyId());
            String rowHash = hashesAtRows.get(checkpoint.seq());
            if (key == null) {
                findings.add(new ForeignSigner(checkpoint.seq(), checkpoint.signerKeyId()));
            } else if (!verifies(key, checkpoint)) {
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

    private static boolean verifies(PublicKey key, AuditCheckpoint checkpoint) {
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

package io.imprint.station.audit;

import java.time.Instant;

/**
 * A signature by the station key over the chain head at {@code seq}.
 *
 * <p>Immutable and thread-safe (the signature array is not copied; treat it as read-only).
 */
public record AuditCheckpoint(long seq, String headHash, Instant signedAt, byte[] signature, String signerKeyId) {

    byte[] message() {
        return ChainEncoding.checkpointMessage(seq, headHash, signedAt);
    }
}

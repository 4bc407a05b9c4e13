package io.imprint.station.store;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A claim batch's one credential and the boards it went to. The key column holds only AES-GCM output
 * sealed by the token; this class never sees a clear key. A recipient row is written before the key
 * leaves the station, so the list is every board that may hold the claim, never fewer.
 *
 * <p>Stateless and thread-safe.
 */
public final class ClaimRecords {

    /**
     * One claim_credentials row.
     *
     * @param sealedKey the PKCS#8 claim key sealed under the station's sealing key, batch id as associated data
     * @param source    ISSUED (by this station's CA) or IMPORTED (from a cloud provider)
     */
    public record ClaimRow(String batchId, String certificatePem, String certificateSha256, byte[] sealedKey, String source) {

        public ClaimRow {
            sealedKey = sealedKey.clone();
        }

        @Override
        public byte[] sealedKey() {
            return sealedKey.clone();
        }

        @Override
        public String toString() {
            return "ClaimRow[" + batchId + ", " + certificateSha256 + ", " + source + "]";
        }
    }

    public Optional<ClaimRow> find(Connection tx, String batchId) throws StoreException {
        return Sql.query(tx, "SELECT batch_id, certificate_pem, certificate_sha256, encrypted_key, source FROM claim_credentials WHERE batch_id = ?",
                rs -> new ClaimRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getString(5)), batchId).stream().findFirst();
    }

    public void insert(Connection tx, ClaimRow row) throws StoreException {
        Sql.update(tx, "INSERT INTO claim_credentials (batch_id, certificate_pem, certificate_sha256, encrypted_key, source) VALUES (?,?,?,?,?)",
                row.batchId(), row.certificatePem(), row.certificateSha256(), row.sealedKey(), row.source());
    }

    public boolean isRecipient(Connection tx, String batchId, String deviceId) throws StoreException {
        return Sql.count(tx, "SELECT COUNT(*) FROM claim_recipients WHERE batch_id = ? AND device_id = ?", batchId, deviceId) > 0;
    }

    public long recipients(Connection tx, String batchId) throws StoreException {
        return Sql.count(tx, "SELECT COUNT(*) FROM claim_recipients WHERE batch_id = ?", batchId);
    }

    public void addRecipient(Connection tx, String batchId, String deviceId, String certificateSha256, Instant at) throws StoreException {
        Sql.update(tx, "INSERT INTO claim_recipients (batch_id, device_id, certificate_sha256, delivered_at) VALUES (?,?,?,?)",
                batchId, deviceId, certificateSha256, at);
    }

    /** Device ids that received the batch's claim, in id order: what the cloud's pre-provisioning check admits. */
    public List<String> recipientIds(Connection tx, String batchId) throws StoreException {
        return Sql.query(tx, "SELECT device_id FROM claim_recipients WHERE batch_id = ? ORDER BY device_id", rs -> rs.getString(1), batchId);
    }
}

package io.imprint.station.store;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Certificates in the batch log. A certificate is ISSUED when it is committed, before it goes to the
 * board; ACKNOWLEDGED when the board has locked with it; REVOKED when it was superseded or orphaned.
 * A device has at most one certificate that is not REVOKED.
 *
 * <p>Stateless and thread-safe.
 */
public final class CertificateRecords {

    /** One certificate row. */
    public record CertificateRow(String serial, String deviceId, String batchId, String profile, String pem, String sha256,
                                 String publicKeySha256, Instant notBefore, Instant notAfter, Status status) {
    }

    /** A certificate's life in the batch log, as the schema's CHECK constraint allows it. */
    public enum Status {
        /** Committed before it went to the board. */
        ISSUED,
        /** The board locked with it. */
        ACKNOWLEDGED,
        /** Superseded or orphaned. */
        REVOKED
    }

    private static final String COLUMNS = "serial, device_id, batch_id, profile, pem, sha256, public_key_sha256, not_before, not_after, status";

    public void insertIssued(Connection tx, CertificateRow c, Instant at) throws StoreException {
        Sql.update(tx, "INSERT INTO certificates (" + COLUMNS + ", issued_at) VALUES (?,?,?,?,?,?,?,?,?,'ISSUED',?)",
                c.serial(), c.deviceId(), c.batchId(), c.profile(), c.pem(), c.sha256(), c.publicKeySha256(), c.notBefore(), c.notAfter(), at);
    }

    public void acknowledge(Connection tx, String serial) throws StoreException {
        Sql.update(tx, "UPDATE certificates SET status = 'ACKNOWLEDGED' WHERE serial = ? AND status = 'ISSUED'", serial);
    }

    public void revoke(Connection tx, String serial, String reason, Instant at) throws StoreException {
        Sql.update(tx, "UPDATE certificates SET status = 'REVOKED', revoked_at = ?, revocation_reason = ? WHERE serial = ? AND status <> 'REVOKED'",
                at, reason, serial);
    }

    /** The device's certificate that is not revoked, if any. */
    /** A certificate the station revoked: serial (hex), when, and the RFC 5280 reason name. */
    public record Revoked(String serial, Instant at, String reason) {
    }

    /** Every certificate the station revoked, oldest first: what its CRL must list. */
    public List<Revoked> revoked(Connection tx) throws StoreException {
        return Sql.query(tx, "SELECT serial, revoked_at, revocation_reason FROM certificates WHERE status = 'REVOKED' ORDER BY revoked_at, serial",
                rs -> new Revoked(rs.getString(1), Sql.instant(rs, "revoked_at"), rs.getString(3)));
    }

    public Optional<CertificateRow> valid(Connection tx, String deviceId) throws StoreException {
        return Sql.query(tx, "SELECT " + COLUMNS + " FROM certificates WHERE device_id = ? AND status <> 'REVOKED'", CertificateRecords::read, deviceId)
                .stream().findFirst();
    }

    public List<CertificateRow> forDevice(Connection tx, String deviceId) throws StoreException {
        return Sql.query(tx, "SELECT " + COLUMNS + " FROM certificates WHERE device_id = ? ORDER BY issued_at", CertificateRecords::read, deviceId);
    }

    /** Certificates of the batch still waiting for their board's acknowledgement. */
    public List<CertificateRow> unacknowledged(Connection tx, String batchId) throws StoreException {
        return Sql.query(tx, "SELECT " + COLUMNS + " FROM certificates WHERE batch_id = ? AND status = 'ISSUED'", CertificateRecords::read, batchId);
    }

    private static CertificateRow read(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new CertificateRow(rs.getString("serial"), rs.getString("device_id"), rs.getString("batch_id"), rs.getString("profile"),
                rs.getString("pem"), rs.getString("sha256"), rs.getString("public_key_sha256"), Sql.instant(rs, "not_before"),
                Sql.instant(rs, "not_after"), Status.valueOf(rs.getString("status")));
    }
}

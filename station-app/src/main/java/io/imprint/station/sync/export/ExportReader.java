package io.imprint.station.sync.export;

import io.imprint.station.store.Sql;
import io.imprint.station.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Streams a batch's provisioned boards with their valid certificates, in device id order, inside the
 * caller's transaction (one snapshot, so the bundle's files agree with each other).
 *
 * <p>Stateless and thread-safe.
 */
final class ExportReader {

    /** Takes each device; may throw what its writer throws. */
    @FunctionalInterface
    interface Sink {
        void accept(ExportDevice device) throws ExportException;
    }

    private static final String DEVICES = """
            SELECT d.device_id, d.chip_uid, d.hardware_revision, d.firmware_version, c.serial, c.pem, c.sha256, c.not_after, d.provisioned_at
            FROM devices d JOIN certificates c ON c.serial = d.certificate_serial
            WHERE d.batch_id = ? AND d.status = 'PROVISIONED' AND c.status = 'ACKNOWLEDGED'
            ORDER BY d.device_id
            """;

    private ExportReader() {
    }

    static long forEach(Connection tx, String batchId, Sink sink) throws StoreException, ExportException {
        long n = 0;
        try (PreparedStatement ps = tx.prepareStatement(DEVICES, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            ps.setFetchSize(1000);
            ps.setString(1, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(new ExportDevice(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), Sql.instant(rs, "not_after"), Sql.instant(rs, "provisioned_at")));
                    n++;
                }
            }
        } catch (SQLException e) {
            throw new StoreException("batch log read failed (devices of " + batchId + " for export): " + e.getMessage(), e);
        }
        return n;
    }

    /**
     * All boards the batch log holds for the batch: those {@link #forEach} does not give (failed, unfinished,
     * or whose certificate was revoked) are what an export leaves out.
     */
    static long boards(Connection tx, String batchId) throws StoreException {
        return Sql.count(tx, "SELECT COUNT(*) FROM devices WHERE batch_id = ?", batchId);
    }
}

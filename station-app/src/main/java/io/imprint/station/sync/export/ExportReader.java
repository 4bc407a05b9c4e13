package io.imprint.station.sync.export;

import io.imprint.station.store.Sql;
import io.imprint.station.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Streams a batch's provisioned boards with their valid certificates inside the caller's transaction (one
 * snapshot, so the bundle's files agree with each other), in the order of the index on (batch, status):
 * the order the boards were first recorded in.
 *
 * <p>No ORDER BY on purpose. H2 sorts a whole result before giving its first row (EXPLAIN shows the
 * index on (batch_id, status), not the device id order); for a million boards with their PEMs that sort
 * is most of the export's time and memory. Without it, and with LAZY_QUERY_EXECUTION on the session
 * (see {@link Exports}), H2 hands rows over as the index scan reaches them: flat memory at any size.
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

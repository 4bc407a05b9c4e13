package io.imprint.station.report;

import io.imprint.station.store.Sql;
import io.imprint.station.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Streams a batch's devices, in device id order, one {@link DeviceLine} at a time: a forward-only
 * cursor, so a 100,000-device batch is never held in memory.
 *
 * <p>Stateless and thread-safe.
 */
final class DeviceLines {

    /** Takes each line; may throw what its writer throws. */
    @FunctionalInterface
    interface Sink {
        void accept(DeviceLine line) throws ReportException;
    }

    // The last attempt and the attempt count come through the attempts_by_device index, one look-up per
    // device; a join on a grouped derived table made H2 scan attempts once per device.
    private static final String SQL = """
            SELECT d.device_id, d.status, d.chip_uid, d.hardware_revision, d.firmware_version, d.certificate_serial,
              COALESCE(c.sha256, cr.certificate_sha256), c.not_after, d.provisioned_at,
              (SELECT m.slot FROM attempts m WHERE m.device_id = d.device_id AND m.batch_id = d.batch_id ORDER BY m.attempt_id DESC LIMIT 1),
              (SELECT m.operator FROM attempts m WHERE m.device_id = d.device_id AND m.batch_id = d.batch_id ORDER BY m.attempt_id DESC LIMIT 1),
              (SELECT COUNT(*) FROM attempts m WHERE m.device_id = d.device_id AND m.batch_id = d.batch_id)
            FROM devices d
            LEFT JOIN certificates c ON c.serial = d.certificate_serial
            LEFT JOIN claim_recipients cr ON cr.batch_id = d.batch_id AND cr.device_id = d.device_id
            WHERE d.batch_id = ?
            ORDER BY d.device_id
            """;

    private DeviceLines() {
    }

    static long forEach(Connection tx, String batchId, Sink sink) throws StoreException, ReportException {
        long n = 0;
        try (PreparedStatement ps = tx.prepareStatement(SQL, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            ps.setFetchSize(1000);
            ps.setString(1, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(new DeviceLine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), Sql.instant(rs, "not_after"), rs.getString(10), rs.getString(11),
                            rs.getLong(12), Sql.instant(rs, "provisioned_at")));
                    n++;
                }
            }
        } catch (SQLException e) {
            throw new StoreException("batch log read failed (devices of " + batchId + "): " + e.getMessage(), e);
        }
        return n;
    }
}

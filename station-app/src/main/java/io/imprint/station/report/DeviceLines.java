package io.imprint.station.report;

import io.imprint.station.store.Sql;
import io.imprint.station.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Streams a batch's devices in device id order, one {@link DeviceLine} at a time, from two cursors
 * merged here: the devices with their certificates, and the batch's attempts in the same order
 * ({@link BatchAttempts}: each device's count and its last slot and operator). Per-device subqueries cost H2 three index
 * look-ups a device, a second for 100,000 of them.
 *
 * <p>Stateless and thread-safe.
 */
final class DeviceLines {

    /** Takes each line; may throw what its writer throws. */
    @FunctionalInterface
    interface Sink {
        void accept(DeviceLine line) throws ReportException;
    }

    private static final String DEVICES = """
            SELECT d.device_id, d.status, d.chip_uid, d.hardware_revision, d.firmware_version, d.certificate_serial,
              COALESCE(c.sha256, cr.certificate_sha256), c.not_after, d.provisioned_at
            FROM devices d
            LEFT JOIN certificates c USE INDEX (certificates_fingerprints) ON c.serial = d.certificate_serial
            LEFT JOIN claim_recipients cr ON cr.batch_id = d.batch_id AND cr.device_id = d.device_id
            WHERE d.batch_id = ?
            ORDER BY d.device_id
            """;

    private DeviceLines() {
    }

    /** Streams the devices, their attempts taken from {@code attempts} (rewound, in device order). */
    static long forEach(Connection tx, String batchId, BatchAttempts attempts, Sink sink) throws StoreException, ReportException {
        long n = 0;
        ResultSet a = attempts.rows();
        try (PreparedStatement devices = cursor(tx, DEVICES, batchId); ResultSet d = devices.executeQuery()) {
            boolean more = a.next();
            while (d.next()) {
                String id = d.getString(1);
                // Both cursors are in H2's order of device ids, which is String.compareTo's; null ids (boards
                // never identified) come first and match no device.
                while (more && (a.getString(1) == null || a.getString(1).compareTo(id) < 0)) {
                    more = a.next();
                }
                long count = 0;
                String slot = null;
                String operator = null;
                while (more && id.equals(a.getString(1))) {
                    count++;
                    slot = a.getString(4);
                    operator = a.getString(5);
                    more = a.next();
                }
                sink.accept(new DeviceLine(id, d.getString(2), d.getString(3), d.getString(4), d.getString(5), d.getString(6), d.getString(7),
                        Sql.instant(d, "not_after"), slot, operator, count, Sql.instant(d, "provisioned_at")));
                n++;
            }
        } catch (SQLException e) {
            throw new StoreException("batch log read failed (devices of " + batchId + "): " + e.getMessage(), e);
        }
        return n;
    }

    private static PreparedStatement cursor(Connection tx, String sql, String batchId) throws SQLException {
        PreparedStatement ps = tx.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        ps.setFetchSize(1000);
        ps.setString(1, batchId);
        return ps;
    }
}

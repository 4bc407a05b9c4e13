package io.imprint.station.store;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Devices in the batch log: one row per device id, ever. PROVISIONING while a board is on a slot,
 * PROVISIONED once it locked with its certificate, FAILED when its last attempt failed, REVOKED when
 * its identity was withdrawn.
 *
 * <p>Stateless and thread-safe.
 */
public final class DeviceRecords {

    /** One device row. */
    public record DeviceRow(String deviceId, String batchId, String chipUid, String status, String certificateSerial,
                            Instant provisionedAt, String reprovisionBy) {
    }

    public Optional<DeviceRow> find(Connection tx, String deviceId) throws StoreException {
        return Sql.query(tx, "SELECT device_id, batch_id, chip_uid, status, certificate_serial, provisioned_at, reprovision_by FROM devices WHERE device_id = ?",
                rs -> new DeviceRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        Sql.instant(rs, "provisioned_at"), rs.getString(7)), deviceId).stream().findFirst();
    }

    public List<DeviceRow> inBatch(Connection tx, String batchId) throws StoreException {
        return Sql.query(tx, "SELECT device_id, batch_id, chip_uid, status, certificate_serial, provisioned_at, reprovision_by FROM devices WHERE batch_id = ? ORDER BY device_id",
                rs -> new DeviceRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        Sql.instant(rs, "provisioned_at"), rs.getString(7)), batchId);
    }

    /** Records that a board is being provisioned (a new device, or one re-provisioned under authorisation). */
    public void startProvisioning(Connection tx, String deviceId, String batchId, String chipUid, String hardware, String firmware, Instant at)
            throws StoreException {
        int updated = Sql.update(tx, "UPDATE devices SET batch_id = ?, chip_uid = ?, hardware_revision = ?, firmware_version = ?, status = 'PROVISIONING' WHERE device_id = ?",
                batchId, chipUid, hardware, firmware, deviceId);
        if (updated == 0) {
            Sql.update(tx, "INSERT INTO devices (device_id, batch_id, chip_uid, hardware_revision, firmware_version, status, first_seen_at) VALUES (?,?,?,?,?,'PROVISIONING',?)",
                    deviceId, batchId, chipUid, hardware, firmware, at);
        }
    }

    public void markProvisioned(Connection tx, String deviceId, String serial, Instant at) throws StoreException {
        Sql.update(tx, "UPDATE devices SET status = 'PROVISIONED', certificate_serial = ?, provisioned_at = ?, reprovision_by = NULL WHERE device_id = ?",
                serial, at, deviceId);
    }

    public void markFailed(Connection tx, String deviceId) throws StoreException {
        Sql.update(tx, "UPDATE devices SET status = 'FAILED' WHERE device_id = ? AND status = 'PROVISIONING'", deviceId);
    }

    public void authoriseReprovisioning(Connection tx, String deviceId, String supervisor) throws StoreException {
        Sql.update(tx, "UPDATE devices SET reprovision_by = ? WHERE device_id = ?", supervisor, deviceId);
    }

    /** Boards of the batch that count against its quantity: provisioned, or on a slot right now. */
    public long countedAgainstQuota(Connection tx, String batchId) throws StoreException {
        return Sql.count(tx, "SELECT COUNT(*) FROM devices WHERE batch_id = ? AND status IN ('PROVISIONED', 'PROVISIONING')", batchId);
    }

    public long provisioned(Connection tx, String batchId) throws StoreException {
        return Sql.count(tx, "SELECT COUNT(*) FROM devices WHERE batch_id = ? AND status = 'PROVISIONED'", batchId);
    }
}

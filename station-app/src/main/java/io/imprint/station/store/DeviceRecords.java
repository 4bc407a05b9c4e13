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
    public record DeviceRow(String deviceId, String batchId, String chipUid, Status status, String certificateSerial,
                            Instant provisionedAt, String reprovisionBy) {
    }

    /** A device's state in the batch log, as the schema's CHECK constraint allows it. */
    public enum Status {
        PROVISIONING, PROVISIONED, FAILED, REVOKED;

        /** Whether a device in this state holds a place in its batch's quantity. */
        public boolean counted() {
            return this == PROVISIONING || this == PROVISIONED;
        }
    }

    public Optional<DeviceRow> find(Connection tx, String deviceId) throws StoreException {
        return Sql.query(tx, "SELECT device_id, batch_id, chip_uid, status, certificate_serial, provisioned_at, reprovision_by FROM devices WHERE device_id = ?",
                rs -> new DeviceRow(rs.getString(1), rs.getString(2), rs.getString(3), Status.valueOf(rs.getString(4)), rs.getString(5),
                        Sql.instant(rs, "provisioned_at"), rs.getString(7)), deviceId).stream().findFirst();
    }

    public List<DeviceRow> inBatch(Connection tx, String batchId) throws StoreException {
        return Sql.query(tx, "SELECT device_id, batch_id, chip_uid, status, certificate_serial, provisioned_at, reprovision_by FROM devices WHERE batch_id = ? ORDER BY device_id",
                rs -> new DeviceRow(rs.getString(1), rs.getString(2), rs.getString(3), Status.valueOf(rs.getString(4)), rs.getString(5),
                        Sql.instant(rs, "provisioned_at"), rs.getString(7)), batchId);
    }

    /** Records that a board is being provisioned (a new device, or one re-provisioned under authorisation). */
    public void startProvisioning(Connection tx, String deviceId, String batchId, String chipUid, String hardware, String firmware, Instant at)
            throws StoreException {
        Optional<Counted> before = counted(tx, deviceId);
        if (before.isPresent()) {
            Sql.update(tx, "UPDATE devices SET batch_id = ?, chip_uid = ?, hardware_revision = ?, firmware_version = ?, status = 'PROVISIONING' WHERE device_id = ?",
                    batchId, chipUid, hardware, firmware, deviceId);
        } else {
            Sql.update(tx, "INSERT INTO devices (device_id, batch_id, chip_uid, hardware_revision, firmware_version, status, first_seen_at) VALUES (?,?,?,?,?,'PROVISIONING',?)",
                    deviceId, batchId, chipUid, hardware, firmware, at);
        }
        if (before.isPresent() && before.get().counts()) {
            count(tx, before.get().batchId(), -1);
        }
        count(tx, batchId, +1);
    }

    public void markProvisioned(Connection tx, String deviceId, String serial, Instant at) throws StoreException {
        Optional<Counted> before = counted(tx, deviceId);
        Sql.update(tx, "UPDATE devices SET status = 'PROVISIONED', certificate_serial = ?, provisioned_at = ?, reprovision_by = NULL WHERE device_id = ?",
                serial, at, deviceId);
        if (before.isPresent() && !before.get().counts()) {
            count(tx, before.get().batchId(), +1);
        }
    }

    public void markFailed(Connection tx, String deviceId) throws StoreException {
        Optional<Counted> before = counted(tx, deviceId);
        if (Sql.update(tx, "UPDATE devices SET status = 'FAILED' WHERE device_id = ? AND status = 'PROVISIONING'", deviceId) == 1) {
            count(tx, before.orElseThrow().batchId(), -1);
        }
    }

    /** A device's batch, and whether its status counts against that batch's quantity. */
    private record Counted(String batchId, boolean counts) {
    }

    private static Optional<Counted> counted(Connection tx, String deviceId) throws StoreException {
        return Sql.query(tx, "SELECT batch_id, status FROM devices WHERE device_id = ?",
                rs -> new Counted(rs.getString(1), Status.valueOf(rs.getString(2)).counted()), deviceId).stream().findFirst();
    }

    private static void count(Connection tx, String batchId, int delta) throws StoreException {
        Sql.update(tx, "UPDATE batches SET counted_devices = counted_devices + ? WHERE batch_id = ?", delta, batchId);
    }


    public void authoriseReprovisioning(Connection tx, String deviceId, String supervisor) throws StoreException {
        Sql.update(tx, "UPDATE devices SET reprovision_by = ? WHERE device_id = ?", supervisor, deviceId);
    }

    /**
     * Boards of the batch that count against its quantity: provisioned, or on a slot right now. Kept as
     * a counter on the batch by every status change here, not counted: a COUNT grew with the batch.
     */
    public long countedAgainstQuota(Connection tx, String batchId) throws StoreException {
        return Sql.count(tx, "SELECT counted_devices FROM batches WHERE batch_id = ?", batchId);
    }

    /** The same, counted row by row: what the counter must always equal (tests and checks). */
    public long countedAgainstQuotaByRows(Connection tx, String batchId) throws StoreException {
        return Sql.count(tx, "SELECT COUNT(*) FROM devices WHERE batch_id = ? AND status IN ('PROVISIONED', 'PROVISIONING')", batchId);
    }

    public long provisioned(Connection tx, String batchId) throws StoreException {
        return Sql.count(tx, "SELECT COUNT(*) FROM devices WHERE batch_id = ? AND status = 'PROVISIONED'", batchId);
    }
}

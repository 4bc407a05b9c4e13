package io.imprint.station.store;

import java.sql.Connection;
import java.time.Instant;

/**
 * The sync outbox: what the cloud registries must learn, written in the same transaction as the fact
 * itself so the later sync can neither miss nor invent a device.
 *
 * <p>Stateless and thread-safe.
 */
public final class OutboxRecords {

    public void add(Connection tx, String batchId, String deviceId, String kind, String payloadJson, Instant at) throws StoreException {
        Sql.update(tx, "INSERT INTO sync_outbox (batch_id, device_id, kind, payload, created_at) VALUES (?,?,?,?,?)",
                batchId, deviceId, kind, payloadJson, at);
    }

    public long pending(Connection tx) throws StoreException {
        return Sql.count(tx, "SELECT COUNT(*) FROM sync_outbox WHERE synced_at IS NULL");
    }
}

package io.imprint.station.sync.online;

import com.fasterxml.jackson.databind.JsonNode;
import io.imprint.station.store.Sql;
import io.imprint.station.store.StoreException;
import io.imprint.station.util.JsonText;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sync's reads and writes of the batch log: the outbox entries due for a target, and each entry's
 * delivery to it (V9's sync_deliveries). An entry without a delivery row for a target is pending for it,
 * so the engine's transactions never learn which targets exist.
 *
 * <p>Stateless and thread-safe; every method runs in the caller's transaction.
 */
public final class SyncStore {

    /** A certificate as the sync sends it. */
    public record Certificate(String serial, String pem, String sha256, String status) {
    }

    /**
     * Up to {@code limit} entries after {@code afterEntry} not yet answered for {@code target}, in entry
     * order (a board's revocation never overtakes its registration), of one batch if given.
     */
    public List<OutboxEntry> due(Connection tx, SyncTarget target, Optional<String> batch, long afterEntry, int limit) throws StoreException {
        String sql = "SELECT o.entry_id, o.batch_id, o.device_id, o.kind, o.payload FROM sync_outbox o "
                + "LEFT JOIN sync_deliveries d ON d.entry_id = o.entry_id AND d.target = ? "
                + "WHERE o.entry_id > ? AND (d.state IS NULL OR d.state = 'PENDING')" + (batch.isPresent() ? " AND o.batch_id = ?" : "")
                + " ORDER BY o.entry_id LIMIT ?";
        Object[] params = batch.isPresent() ? new Object[] {target.id(), afterEntry, batch.get(), limit} : new Object[] {target.id(), afterEntry, limit};
        return Sql.query(tx, sql, rs -> new OutboxEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), payload(rs.getLong(1), rs.getString(5))),
                params);
    }

    private static JsonNode payload(long entryId, String json) throws SQLException {
        try {
            return JsonText.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new SQLException("outbox entry " + entryId + " holds no readable JSON payload", e);
        }
    }

    public Optional<Certificate> certificate(Connection tx, String serial) throws StoreException {
        return Sql.query(tx, "SELECT serial, pem, sha256, status FROM certificates WHERE serial = ?",
                rs -> new Certificate(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), serial).stream().findFirst();
    }

    /**
     * Records what became of one entry for a target: a try more, its new state, the registry's error or
     * id. {@code error} is the registry's code and message only, cut to the column.
     */
    public void record(Connection tx, long entryId, SyncTarget target, DeliveryState state, String error, String registryId, Instant at)
            throws StoreException {
        String cut = error == null ? null : error.length() > 512 ? error.substring(0, 509) + "..." : error;
        Instant syncedAt = state == DeliveryState.SYNCED ? at : null;
        int updated = Sql.update(tx, "UPDATE sync_deliveries SET state = ?, tries = tries + 1, last_error = ?, "
                + "registry_id = COALESCE(?, registry_id), synced_at = ?, next_try_at = NULL WHERE entry_id = ? AND target = ?",
                state.name(), cut, registryId, syncedAt, entryId, target.id());
        if (updated == 0) {
            Sql.update(tx, "INSERT INTO sync_deliveries (entry_id, target, state, tries, last_error, registry_id, synced_at) VALUES (?,?,?,1,?,?,?)",
                    entryId, target.id(), state.name(), cut, registryId, syncedAt);
        }
    }

    /** Makes an entry due again for a target (reconcile's fix for a device the registry lost). */
    public int requeue(Connection tx, long entryId, SyncTarget target) throws StoreException {
        return Sql.update(tx, "UPDATE sync_deliveries SET state = 'PENDING', next_try_at = NULL, synced_at = NULL WHERE entry_id = ? AND target = ?",
                entryId, target.id());
    }

    /** Every entry of the log (of one batch, if given) counted in its state for the target. */
    public SyncCounts counts(Connection tx, SyncTarget target, Optional<String> batch) throws StoreException {
        String where = batch.isPresent() ? " WHERE o.batch_id = ?" : "";
        Object[] params = batch.isPresent() ? new Object[] {target.id(), batch.get()} : new Object[] {target.id()};
        Map<DeliveryState, Long> by = new EnumMap<>(DeliveryState.class);
        for (DeliveryState s : DeliveryState.values()) {
            by.put(s, 0L);
        }
        Sql.query(tx, "SELECT COALESCE(d.state, 'PENDING'), COUNT(*) FROM sync_outbox o LEFT JOIN sync_deliveries d "
                + "ON d.entry_id = o.entry_id AND d.target = ?" + where + " GROUP BY COALESCE(d.state, 'PENDING')", rs -> {
                    by.merge(DeliveryState.valueOf(rs.getString(1)), rs.getLong(2), Long::sum);
                    return null;
                }, params);
        return new SyncCounts(target, by.get(DeliveryState.PENDING), by.get(DeliveryState.SYNCED), by.get(DeliveryState.FAILED),
                by.get(DeliveryState.CONFLICT), by.get(DeliveryState.SKIPPED));
    }

    /** The entries that need a person for the target, oldest first: what {@code sync status} lists. */
    public List<String> problems(Connection tx, SyncTarget target, int limit) throws StoreException {
        return Sql.query(tx, "SELECT o.entry_id, o.device_id, d.state, d.last_error FROM sync_deliveries d JOIN sync_outbox o ON o.entry_id = d.entry_id "
                        + "WHERE d.target = ? AND d.state IN ('FAILED', 'CONFLICT') ORDER BY o.entry_id LIMIT ?",
                rs -> "entry " + rs.getLong(1) + " (" + rs.getString(2) + "): " + rs.getString(3).toLowerCase(java.util.Locale.ROOT) + ": " + rs.getString(4),
                target.id(), limit);
    }
}

package io.imprint.station.batch;

import io.imprint.station.store.StoreException;
import io.imprint.station.util.JsonText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Batches in the batch log, read and written within the caller's transaction.
 *
 * <p>Stateless and thread-safe.
 */
public final class BatchRepository {

    private static final String COLUMNS = "batch_id, product, role, quantity, strategy, profile, status, thing_group, policy_name, thing_type, attributes, created_by, created_at";

    public void insert(Connection tx, Batch b) throws StoreException, BatchException {
        if (find(tx, b.id()).isPresent()) {
            throw new BatchException("batch " + b.id() + " already exists");
        }
        try (PreparedStatement ps = tx.prepareStatement("INSERT INTO batches (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, b.id());
            ps.setString(2, b.product());
            ps.setString(3, b.role());
            ps.setInt(4, b.quantity());
            ps.setString(5, b.strategy().name());
            ps.setString(6, b.profile());
            ps.setString(7, b.status().name());
            ps.setString(8, b.cloud().thingGroup().orElse(null));
            ps.setString(9, b.cloud().policyName().orElse(null));
            ps.setString(10, b.cloud().thingType().orElse(null));
            ps.setString(11, JsonText.object(b.cloud().attributes()));
            ps.setString(12, b.createdBy());
            ps.setTimestamp(13, Timestamp.from(b.createdAt()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot record batch " + b.id() + ": " + e.getMessage(), e);
        }
    }

    public Optional<Batch> find(Connection tx, String id) throws StoreException {
        List<Batch> found = query(tx, "SELECT " + COLUMNS + " FROM batches WHERE batch_id = ?", id);
        return found.stream().findFirst();
    }

    /**
     * The batch, its row locked until {@code tx} ends: no status change can slip in between. The lock is
     * taken by an UPDATE that changes nothing, not by {@code SELECT … FOR UPDATE}: H2 never caches a FOR
     * UPDATE query and parsed it again for every board (a twentieth of the batch log writer's time).
     */
    public Optional<Batch> findForUpdate(Connection tx, String id) throws StoreException {
        try (PreparedStatement lock = tx.prepareStatement("UPDATE batches SET status = status WHERE batch_id = ?")) {
            lock.setString(1, id);
            if (lock.executeUpdate() == 0) {
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot lock batch " + id + ": " + e.getMessage(), e);
        }
        return find(tx, id);
    }

    public List<Batch> list(Connection tx) throws StoreException {
        return query(tx, "SELECT " + COLUMNS + " FROM batches ORDER BY created_at, batch_id");
    }

    public void updateStatus(Connection tx, String id, BatchStatus status, Instant at) throws StoreException {
        try (PreparedStatement ps = tx.prepareStatement("UPDATE batches SET status = ?, closed_at = ? WHERE batch_id = ?")) {
            ps.setString(1, status.name());
            ps.setTimestamp(2, status == BatchStatus.CLOSED ? Timestamp.from(at) : null);
            ps.setString(3, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot update batch " + id + ": " + e.getMessage(), e);
        }
    }

    private static List<Batch> query(Connection tx, String sql, String... args) throws StoreException {
        try (PreparedStatement ps = tx.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            List<Batch> list = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    list.add(read(rs));
                }
            }
            return list;
        } catch (SQLException e) {
            throw new StoreException("cannot read batches: " + e.getMessage(), e);
        }
    }

    private static Batch read(ResultSet rs) throws SQLException, StoreException {
        Map<String, String> attributes = attributes(rs.getString("batch_id"), rs.getString("attributes"));
        var cloud = new Batch.CloudAttributes(Optional.ofNullable(rs.getString("thing_group")), Optional.ofNullable(rs.getString("policy_name")),
                Optional.ofNullable(rs.getString("thing_type")), attributes);
        return new Batch(rs.getString("batch_id"), rs.getString("product"), rs.getString("role"), rs.getInt("quantity"),
                Strategy.valueOf(rs.getString("strategy")), rs.getString("profile"), BatchStatus.valueOf(rs.getString("status")),
                cloud, rs.getString("created_by"), rs.getTimestamp("created_at").toInstant());
    }

    /** A flat object of strings, as every station has written them (before Jackson too: old rows read the same). */
    static Map<String, String> attributes(String batchId, String json) throws StoreException {
        Map<String, String> attributes = new LinkedHashMap<>();
        try {
            JsonText.parseObject(json).forEach((name, value) -> {
                if (!(value instanceof String text)) {
                    throw new IllegalArgumentException("attribute \"" + name + "\" is " + (value == null ? "null" : "not a string"));
                }
                attributes.put(name, text);
            });
        } catch (IllegalArgumentException e) {
            throw new StoreException("batch " + batchId + " has unreadable attributes: " + e.getMessage(), e);
        }
        return attributes;
    }
}

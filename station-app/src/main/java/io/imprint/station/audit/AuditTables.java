package io.imprint.station.audit;

import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import java.io.IOException;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the audit tables of the station database as one consistent snapshot, so a verification or an
 * export running beside a working station sees no half-appended chain.
 *
 * <p>Not thread-safe: a snapshot is one connection, used by one thread.
 */
final class AuditTables {

    private AuditTables() {
    }

    static Snapshot snapshot(StationDatabase db) throws StoreException {
        Connection c = db.connection();
        try {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // SNAPSHOT: every query of this transaction sees the database as of its first read.
                s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SNAPSHOT");
            }
            return new Snapshot(c, db.file().toString());
        } catch (SQLException | StoreException e) {
            Snapshot.release(c);
            throw e instanceof StoreException se ? se : new StoreException("cannot read the audit trail of " + db.file() + ": " + e.getMessage(), e);
        }
    }

    /** The audit tables as of one moment. Rows stream from the database; the rest is read up front. */
    static final class Snapshot implements AuditSource, AutoCloseable {

        private final Connection connection;
        private final String where;
        private final ChainHead head;
        private final List<AuditCheckpoint> checkpoints = new ArrayList<>();
        private final Map<String, PublicKey> signers = new LinkedHashMap<>();

        private Snapshot(Connection connection, String where) throws SQLException, StoreException {
            this.connection = connection;
            this.where = where;
            try (ResultSet rs = query("SELECT seq, hash FROM audit_head WHERE id = 1")) {
                if (!rs.next()) {
                    throw new StoreException("the audit_head row of " + where + " is missing");
                }
                head = new ChainHead(rs.getLong(1), rs.getString(2));
            }
            try (ResultSet rs = query("SELECT seq, head_hash, signed_at, signature, signer_key_id FROM audit_checkpoints ORDER BY seq")) {
                while (rs.next()) {
                    checkpoints.add(new AuditCheckpoint(rs.getLong(1), rs.getString(2), instant(rs, 3), rs.getBytes(4), rs.getString(5)));
                }
            }
            try (ResultSet rs = query("SELECT signer_key_id, public_key FROM audit_signers ORDER BY first_used_at")) {
                while (rs.next()) {
                    try {
                        PublicKey key = StationKeys.fromSpki(rs.getBytes(2));
                        signers.put(StationKeys.keyId(key), key); // the id is recomputed, not taken from the row
                    } catch (IOException e) {
                        throw new StoreException("audit signer " + rs.getString(1) + " in " + where + " has no readable key: " + e.getMessage(), e);
                    }
                }
            }
        }

        @Override
        public Optional<ChainHead> head() {
            return Optional.of(head);
        }

        @Override
        public List<AuditCheckpoint> checkpoints() {
            return List.copyOf(checkpoints);
        }

        @Override
        public Map<String, PublicKey> recordedSigners() {
            return Collections.unmodifiableMap(signers);
        }

        @Override
        public void forEachRow(Consumer<AuditRow> sink) throws StoreException {
            try (ResultSet rs = query("SELECT seq, occurred_at, station_id, actor, action, subject, details, prev_hash, hash "
                    + "FROM audit_events ORDER BY seq")) {
                while (rs.next()) {
                    sink.accept(new AuditRow(rs.getLong(1), instant(rs, 2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)));
                }
            } catch (SQLException e) {
                throw new StoreException("cannot read the audit events of " + where + ": " + e.getMessage(), e);
            }
        }

        private ResultSet query(String sql) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(sql);
            statement.closeOnCompletion();
            return statement.executeQuery();
        }

        /** Rows after {@code seq}, in order: what a follower of the chain has not seen yet. */
        void forEachRowAfter(long seq, Consumer<AuditRow> sink) throws StoreException {
            try (PreparedStatement statement = connection.prepareStatement("SELECT seq, occurred_at, station_id, actor, action, subject, details, "
                    + "prev_hash, hash FROM audit_events WHERE seq > ? ORDER BY seq")) {
                statement.setLong(1, seq);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(new AuditRow(rs.getLong(1), instant(rs, 2), rs.getString(3), rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)));
                    }
                }
            } catch (SQLException e) {
                throw new StoreException("cannot read the audit events of " + where + ": " + e.getMessage(), e);
            }
        }

        private static Instant instant(ResultSet rs, int column) throws SQLException {
            return rs.getObject(column, OffsetDateTime.class).toInstant();
        }

        @Override
        public void close() {
            release(connection);
        }

        /** Ends the read-only transaction and hands the connection back to the pool as it came. */
        static void release(Connection c) {
            try (c) {
                c.rollback();
                try (Statement s = c.createStatement()) {
                    s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED");
                }
                c.setAutoCommit(true);
            } catch (SQLException e) {
                // The pool discards a broken connection; nothing was written, so nothing is lost.
            }
        }
    }
}

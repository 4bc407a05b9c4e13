package io.imprint.station.trace;

import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs reads in one SNAPSHOT transaction, so a trace taken beside a working station never shows an
 * attempt without the certificate it committed in the same transaction. Writes nothing.
 *
 * <p>Stateless and thread-safe; each call uses its own connection.
 */
final class ReadSnapshot {

    /** Reads done inside the snapshot. */
    @FunctionalInterface
    interface Reads<T> {
        T run(Connection tx) throws StoreException;
    }

    private ReadSnapshot() {
    }

    static <T> T read(StationDatabase db, Reads<T> reads) throws StoreException {
        try (Connection c = db.connection()) {
            try {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SNAPSHOT");
                }
                return reads.run(c);
            } finally {
                release(c);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the batch log " + db.file() + ".mv.db: " + e.getMessage(), e);
        }
    }

    /** Hands the connection back to the pool as it came: READ COMMITTED, auto-commit. */
    private static void release(Connection c) throws SQLException {
        c.rollback();
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED");
        }
        c.setAutoCommit(true);
    }
}

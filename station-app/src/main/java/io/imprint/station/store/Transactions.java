package io.imprint.station.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs work in one transaction of the batch log: committed when the work returns, rolled back when it
 * throws. A commit that returned is durable (see {@link StationDatabase}).
 *
 * <p>Stateless and thread-safe.
 */
public final class Transactions {

    /** Work done inside a transaction. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run(Connection tx) throws E, StoreException;
    }

    private Transactions() {
    }

    public static <T, E extends Exception> T inTransaction(StationDatabase db, Work<T, E> work) throws E, StoreException {
        try (Connection tx = db.connection()) {
            tx.setAutoCommit(false);
            try {
                T result = work.run(tx);
                tx.commit();
                return result;
            } catch (Exception | Error e) {
                rollbackQuietly(tx);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("batch log " + db.file() + ".mv.db: " + e.getMessage() + " (disk full or file damaged?)", e);
        }
    }

    private static void rollbackQuietly(Connection tx) {
        try {
            tx.rollback();
        } catch (SQLException ignored) {
            // The original failure is what matters; the connection is discarded anyway.
        }
    }
}

package io.imprint.station.audit;

import io.imprint.station.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * Runs audit work in the caller's transaction, or in one of its own when the connection auto-commits.
 * A failure inside the caller's transaction is undone back to a savepoint, so the chain is as before
 * and the caller still decides whether its own changes go (they should: their event is missing).
 *
 * <p>Stateless and thread-safe.
 */
final class Transactions {

    interface Work<T> {
        T run() throws SQLException, StoreException;
    }

    private Transactions() {
    }

    static <T> T within(Connection tx, String what, Work<T> work) throws StoreException {
        try {
            if (!tx.getAutoCommit()) {
                Savepoint before = tx.setSavepoint();
                try {
                    return work.run();
                } catch (SQLException | StoreException | RuntimeException e) {
                    tx.rollback(before);
                    throw e;
                }
            }
            tx.setAutoCommit(false);
            try {
                T result = work.run();
                tx.commit();
                return result;
            } catch (SQLException | StoreException | RuntimeException e) {
                tx.rollback();
                throw e;
            } finally {
                tx.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
        }
    }
}

package io.imprint.station.report;

import io.imprint.station.store.Sql;
import io.imprint.station.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A batch's attempts in device id order, read once for both uses a report has for them: the summary's
 * {@link AttemptScan}, then the device table's count and last slot and operator per device. H2 sorts the
 * whole result before its first row anyway, so rewinding it costs nothing, where a second query sorted
 * the batch's attempts again (a tenth of a 100,000-device report).
 *
 * <p>Not thread-safe: one cursor, used by one thread.
 */
final class BatchAttempts implements AutoCloseable {

    private static final String SQL = "SELECT device_id, outcome, failure_reason, slot, operator, started_at, finished_at, step_millis"
            + " FROM attempts WHERE batch_id = ? ORDER BY device_id, attempt_id";

    private final PreparedStatement statement;
    private final ResultSet rows;
    private final String batchId;

    private BatchAttempts(PreparedStatement statement, ResultSet rows, String batchId) {
        this.statement = statement;
        this.rows = rows;
        this.batchId = batchId;
    }

    static BatchAttempts open(Connection tx, String batchId) throws StoreException {
        try {
            PreparedStatement ps = tx.prepareStatement(SQL, ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY);
            ps.setString(1, batchId);
            return new BatchAttempts(ps, ps.executeQuery(), batchId);
        } catch (SQLException e) {
            throw failed(batchId, e);
        }
    }

    /** Adds up the finished attempts, then rewinds for {@link #rows()}. */
    AttemptScan scan() throws StoreException {
        AttemptScan scan = new AttemptScan();
        try {
            while (rows.next()) {
                String outcome = rows.getString(2);
                if (outcome != null) {
                    scan.accept(rows.getString(1), outcome, rows.getString(3), rows.getString(4), rows.getString(5),
                            Sql.instant(rows, "started_at"), Sql.instant(rows, "finished_at"), rows.getString(8));
                }
            }
            rows.beforeFirst();
            return scan;
        } catch (SQLException e) {
            throw failed(batchId, e);
        }
    }

    /** The cursor, before its first row: device_id (1), slot (4), operator (5), every attempt, finished or not. */
    ResultSet rows() {
        return rows;
    }

    private static StoreException failed(String batchId, SQLException e) {
        return new StoreException("batch log read failed (attempts of " + batchId + "): " + e.getMessage(), e);
    }

    @Override
    public void close() throws StoreException {
        try (statement) {
            rows.close();
        } catch (SQLException e) {
            throw failed(batchId, e);
        }
    }
}

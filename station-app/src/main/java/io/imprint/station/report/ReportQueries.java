package io.imprint.station.report;

import io.imprint.station.engine.Step;
import io.imprint.station.report.ReportSections.Revocation;
import io.imprint.station.report.ReportSections.StepTiming;
import io.imprint.station.store.Sql;
import io.imprint.station.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The report's numbers from the batch log, inside the caller's snapshot transaction: one pass over the
 * batch's attempts ({@link AttemptScan}), one over their step timings, and small look-ups. Aggregate
 * SQL (COUNT DISTINCT, percentiles, a join of the step timings) took H2 several seconds for a
 * 100,000-device batch; these passes read each row once (docs/PERFORMANCE.md, "Batch reports").
 *
 * <p>Stateless and thread-safe.
 */
final class ReportQueries {

    private ReportQueries() {
    }

    static ReportCounts counts(Connection tx, String batchId, int quantity, AttemptScan scan) throws StoreException {
        Map<String, Long> byStatus = new HashMap<>();
        Sql.query(tx, "SELECT status, COUNT(*) FROM devices WHERE batch_id = ? GROUP BY status", rs -> byStatus.put(rs.getString(1), rs.getLong(2)), batchId);
        long counted = Sql.count(tx, "SELECT counted_devices FROM batches WHERE batch_id = ?", batchId);
        return new ReportCounts(quantity, byStatus.getOrDefault("PROVISIONED", 0L), byStatus.getOrDefault("FAILED", 0L) + scan.unidentifiedFailures,
                scan.abandoned, Math.max(0, quantity - counted), scan.units, scan.passedUnits, scan.firstPassUnits, scan.attempts,
                Math.max(0, scan.attempts - scan.units));
    }

    /**
     * Step timings of the batch's finished attempts from attempt_steps, for batches with attempts finished
     * before attempts.step_millis (V8); newer ones come with the attempt scan. Read by primary-key range and kept when the attempt is
     * the batch's (a bit per attempt id), not joined with attempts: the join cost H2 a look-up per step
     * row, 1.5 s for 825,000 of them.
     */
    static List<StepTiming> stepRows(Connection tx, String batchId) throws StoreException {
        BitSet ids = new BitSet();
        long[] range = {Long.MAX_VALUE, Long.MIN_VALUE};
        each(tx, "SELECT attempt_id FROM attempts WHERE batch_id = ? AND outcome IS NOT NULL", batchId, rs -> {
            long id = rs.getLong(1);
            ids.set(Math.toIntExact(id));
            range[0] = Math.min(range[0], id);
            range[1] = Math.max(range[1], id);
        });
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Histogram> steps = new HashMap<>();
        try (PreparedStatement ps = tx.prepareStatement("SELECT attempt_id, step, millis FROM attempt_steps WHERE attempt_id BETWEEN ? AND ?")) {
            ps.setLong(1, range[0]);
            ps.setLong(2, range[1]);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (ids.get((int) rs.getLong(1))) {
                        steps.computeIfAbsent(rs.getString(2), k -> new Histogram()).record(rs.getLong(3));
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("batch log read failed (step timings): " + e.getMessage(), e);
        }
        return stepTimings(steps);
    }

    /** The timings of each step, in the workflow's order. */
    static List<StepTiming> stepTimings(Map<String, Histogram> steps) {
        return steps.entrySet().stream().sorted(Comparator.comparingInt(e -> stepOrder(e.getKey())))
                .map(e -> new StepTiming(e.getKey(), e.getValue().count(), e.getValue().mean(), e.getValue().percentile(0.9), e.getValue().max()))
                .toList();
    }

    private static int stepOrder(String step) {
        try {
            return Step.valueOf(step).ordinal();
        } catch (IllegalArgumentException e) {
            return Integer.MAX_VALUE;
        }
    }

    static List<Revocation> revocations(Connection tx, String batchId) throws StoreException {
        return Sql.query(tx, "SELECT serial, device_id, revocation_reason, revoked_at FROM certificates"
                        + " WHERE batch_id = ? AND status = 'REVOKED' ORDER BY revoked_at, serial",
                rs -> new Revocation(rs.getString(1), rs.getString(2), rs.getString(3), Sql.instant(rs, "revoked_at")), batchId);
    }

    /** Reads one row. */
    @FunctionalInterface
    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    static void each(Connection tx, String sql, String batchId, RowReader reader) throws StoreException {
        try (PreparedStatement ps = tx.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            ps.setFetchSize(1000);
            ps.setString(1, batchId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("batch log read failed (" + sql.substring(0, Math.min(40, sql.length())) + "…): " + e.getMessage(), e);
        }
    }
}

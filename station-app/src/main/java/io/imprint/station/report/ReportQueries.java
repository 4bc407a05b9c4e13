package io.imprint.station.report;

import io.imprint.station.report.ReportSections.CycleTimes;
import io.imprint.station.report.ReportSections.FailureReason;
import io.imprint.station.report.ReportSections.HistogramBucket;
import io.imprint.station.report.ReportSections.OperatorStats;
import io.imprint.station.report.ReportSections.Revocation;
import io.imprint.station.report.ReportSections.SlotStats;
import io.imprint.station.report.ReportSections.StepTiming;
import io.imprint.station.report.ReportSections.Throughput;
import io.imprint.station.store.Sql;
import io.imprint.station.store.StoreException;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's numbers, each one aggregate query over the batch log inside the caller's (snapshot)
 * transaction: the database adds up, nothing is held per device.
 *
 * <p>Stateless and thread-safe.
 */
final class ReportQueries {

    /** A passed attempt's cycle time in milliseconds, as H2 computes it. */
    private static final String CYCLE = "DATEDIFF(MILLISECOND, started_at, finished_at)";
    private static final int HISTOGRAM_BUCKETS = 20;

    private ReportQueries() {
    }

    static ReportCounts counts(Connection tx, String batchId, int quantity) throws StoreException {
        return Sql.query(tx, """
                SELECT
                  (SELECT COUNT(*) FROM devices WHERE batch_id = ?1 AND status = 'PROVISIONED'),
                  (SELECT COUNT(*) FROM devices WHERE batch_id = ?1 AND status = 'FAILED'),
                  (SELECT COUNT(*) FROM attempts WHERE batch_id = ?1 AND outcome = 'FAILED' AND device_id IS NULL),
                  (SELECT COUNT(*) FROM attempts WHERE batch_id = ?1 AND outcome = 'ABANDONED'),
                  (SELECT counted_devices FROM batches WHERE batch_id = ?1),
                  (SELECT COUNT(DISTINCT device_id) FROM attempts WHERE batch_id = ?1 AND device_id IS NOT NULL),
                  (SELECT COUNT(DISTINCT device_id) FROM attempts WHERE batch_id = ?1 AND outcome = 'PASSED'),
                  (SELECT COUNT(*) FROM attempts a WHERE a.batch_id = ?1 AND a.outcome = 'PASSED' AND a.device_id IS NOT NULL
                     AND NOT EXISTS (SELECT 1 FROM attempts b WHERE b.device_id = a.device_id AND b.batch_id = ?1 AND b.attempt_id < a.attempt_id)),
                  (SELECT COUNT(*) FROM attempts WHERE batch_id = ?1 AND outcome IS NOT NULL)
                """, rs -> {
            long unidentifiedFailures = rs.getLong(3);
            long units = rs.getLong(6) + unidentifiedFailures;
            long attempts = rs.getLong(9);
            return new ReportCounts(quantity, rs.getLong(1), rs.getLong(2) + unidentifiedFailures, rs.getLong(4),
                    Math.max(0, quantity - rs.getLong(5)), units, rs.getLong(7), rs.getLong(8), attempts, Math.max(0, attempts - units));
        }, batchId).getFirst();
    }

    static List<FailureReason> failures(Connection tx, String batchId) throws StoreException {
        record Row(String reason, long count) {
        }
        List<Row> rows = Sql.query(tx, """
                SELECT COALESCE(failure_reason, '(no reason recorded)') r, COUNT(*) n FROM attempts
                WHERE batch_id = ? AND outcome = 'FAILED' GROUP BY r ORDER BY n DESC, r
                """, rs -> new Row(rs.getString(1), rs.getLong(2)), batchId);
        long total = rows.stream().mapToLong(Row::count).sum();
        List<FailureReason> pareto = new ArrayList<>(rows.size());
        long running = 0;
        for (Row r : rows) {
            running += r.count();
            pareto.add(new FailureReason(r.reason(), r.count(), ReportCounts.percent(running, total)));
        }
        return pareto;
    }

    static List<SlotStats> slots(Connection tx, String batchId) throws StoreException {
        return Sql.query(tx, "SELECT slot, COUNT(*), SUM(CASE WHEN outcome = 'PASSED' THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN outcome = 'FAILED' THEN 1 ELSE 0 END),"
                        + " AVG(CASE WHEN outcome = 'PASSED' THEN CAST(" + CYCLE + " AS DOUBLE PRECISION) END)"
                        + " FROM attempts WHERE batch_id = ? AND outcome IS NOT NULL GROUP BY slot ORDER BY slot",
                rs -> new SlotStats(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getDouble(5)), batchId);
    }

    static CycleTimes cycleTimes(Connection tx, String batchId) throws StoreException {
        String passed = " FROM attempts WHERE batch_id = ? AND outcome = 'PASSED'";
        CycleTimes summary = Sql.query(tx, "SELECT COUNT(*), AVG(CAST(" + CYCLE + " AS DOUBLE PRECISION)),"
                        + " PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY " + CYCLE + "), PERCENTILE_DISC(0.9) WITHIN GROUP (ORDER BY " + CYCLE + "),"
                        + " PERCENTILE_DISC(0.99) WITHIN GROUP (ORDER BY " + CYCLE + "), MAX(" + CYCLE + ")" + passed,
                rs -> new CycleTimes(rs.getLong(1), rs.getDouble(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), List.of()),
                batchId).getFirst();
        if (summary.count() == 0) {
            return summary;
        }
        // Buckets up to the p99, so one stuck board does not squash every other bar into the first.
        long width = niceWidth(Math.max(summary.p99Millis(), 1), HISTOGRAM_BUCKETS);
        long last = HISTOGRAM_BUCKETS - 1;
        long[] counts = new long[HISTOGRAM_BUCKETS];
        Sql.query(tx, "SELECT LEAST(" + CYCLE + " / CAST(? AS BIGINT), CAST(? AS BIGINT)) b, COUNT(*)" + passed + " GROUP BY b", rs -> {
            counts[(int) Math.max(0, rs.getLong(1))] += rs.getLong(2);
            return null;
        }, width, last, batchId);
        List<HistogramBucket> buckets = new ArrayList<>();
        for (int i = 0; i < HISTOGRAM_BUCKETS; i++) {
            buckets.add(new HistogramBucket(i * width, i == last ? Long.MAX_VALUE : (i + 1) * width, counts[i]));
        }
        return new CycleTimes(summary.count(), summary.meanMillis(), summary.p50Millis(), summary.p90Millis(), summary.p99Millis(),
                summary.maxMillis(), buckets);
    }

    /** The smallest of 1, 2, 5 × 10^n that fits {@code span} into {@code buckets}. */
    static long niceWidth(long span, int buckets) {
        long raw = Math.max(1, (span + buckets - 1) / buckets);
        for (long magnitude = 1; ; magnitude *= 10) {
            for (long step : new long[] {1, 2, 5}) {
                if (step * magnitude >= raw) {
                    return step * magnitude;
                }
            }
        }
    }

    static List<StepTiming> steps(Connection tx, String batchId) throws StoreException {
        List<StepTiming> rows = Sql.query(tx, """
                SELECT s.step, COUNT(*), AVG(CAST(s.millis AS DOUBLE PRECISION)), PERCENTILE_DISC(0.9) WITHIN GROUP (ORDER BY s.millis), MAX(s.millis)
                FROM attempt_steps s JOIN attempts a ON a.attempt_id = s.attempt_id WHERE a.batch_id = ? GROUP BY s.step
                """, rs -> new StepTiming(rs.getString(1), rs.getLong(2), rs.getDouble(3), rs.getLong(4), rs.getLong(5)), batchId);
        return rows.stream().sorted(java.util.Comparator.comparingInt(s -> stepOrder(s.step()))).toList();
    }

    private static int stepOrder(String step) {
        try {
            return io.imprint.station.engine.Step.valueOf(step).ordinal();
        } catch (IllegalArgumentException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** Passed boards per period, the period chosen so a shift shows as a line, not a single dot. */
    static List<Throughput> throughput(Connection tx, String batchId) throws StoreException {
        List<Instant[]> span = Sql.query(tx, "SELECT MIN(finished_at) first_pass, MAX(finished_at) last_pass FROM attempts WHERE batch_id = ? AND outcome = 'PASSED'",
                rs -> new Instant[] {Sql.instant(rs, "first_pass"), Sql.instant(rs, "last_pass")}, batchId);
        Instant first = span.getFirst()[0];
        if (first == null) {
            return List.of();
        }
        long seconds = period(java.time.Duration.between(first, span.getFirst()[1]).toSeconds());
        return Sql.query(tx, "SELECT CAST(FLOOR(EXTRACT(EPOCH FROM finished_at) / CAST(? AS BIGINT)) AS BIGINT) p, COUNT(*) FROM attempts"
                        + " WHERE batch_id = ? AND outcome = 'PASSED' GROUP BY p ORDER BY p",
                rs -> new Throughput(Instant.ofEpochSecond(rs.getLong(1) * seconds), seconds, rs.getLong(2)), seconds, batchId);
    }

    static long period(long spanSeconds) {
        if (spanSeconds > 6 * 3600) {
            return 3600;
        }
        if (spanSeconds > 3600) {
            return 600;
        }
        return 60;
    }

    static List<OperatorStats> operators(Connection tx, String batchId) throws StoreException {
        return Sql.query(tx, "SELECT operator, COUNT(*), SUM(CASE WHEN outcome = 'PASSED' THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN outcome = 'FAILED' THEN 1 ELSE 0 END) FROM attempts WHERE batch_id = ? AND outcome IS NOT NULL"
                        + " GROUP BY operator ORDER BY operator",
                rs -> new OperatorStats(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)), batchId);
    }

    static List<Revocation> revocations(Connection tx, String batchId) throws StoreException {
        return Sql.query(tx, "SELECT serial, device_id, revocation_reason, revoked_at FROM certificates"
                        + " WHERE batch_id = ? AND status = 'REVOKED' ORDER BY revoked_at, serial",
                rs -> new Revocation(rs.getString(1), rs.getString(2), rs.getString(3), Sql.instant(rs, "revoked_at")), batchId);
    }
}

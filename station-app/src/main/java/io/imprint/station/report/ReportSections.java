package io.imprint.station.report;

import java.time.Instant;
import java.util.List;

/**
 * The rows of a report's tables and charts, each a record of what one line shows.
 *
 * <p>Stateless; the records are immutable and thread-safe.
 */
public final class ReportSections {

    private ReportSections() {
    }

    /** One failure reason of the Pareto, most frequent first, with the running share of all failures. */
    public record FailureReason(String reason, long count, double cumulativePercent) {

        /** The reason cut to {@code max} characters, an ellipsis marking the cut: for a chart's axis. */
        public String shortReason(int max) {
            return reason.length() <= max ? reason : reason.substring(0, max - 1) + "…";
        }
    }

    /** One slot: its attempts, how many passed, and the mean cycle time of those that passed. */
    public record SlotStats(String slot, long attempts, long passed, long failed, double meanCycleMillis) {
        public double yieldPercent() {
            return ReportCounts.percent(passed, passed + failed);
        }
    }

    /** Cycle time (detected to PASS) of passed attempts: percentiles and a histogram. */
    public record CycleTimes(long count, double meanMillis, long p50Millis, long p90Millis, long p99Millis, long maxMillis,
                             List<HistogramBucket> histogram) {
        public CycleTimes {
            histogram = List.copyOf(histogram);
        }
    }

    /** Attempts whose cycle time fell in [fromMillis, toMillis); the last bucket is open above. */
    public record HistogramBucket(long fromMillis, long toMillis, long count) {

        /** The buckets' width: the first bucket's, as every one but the open last one has it. */
        public static long width(List<HistogramBucket> buckets) {
            return buckets.isEmpty() ? 1 : Math.min(buckets.getFirst().toMillis(), Long.MAX_VALUE / 2);
        }

        /**
         * The lower bound, in ms where the buckets are narrower than 100 ms, else in seconds with the
         * decimals their width needs: unique per bucket, as a chart's categories must be.
         */
        public String label(long width) {
            String from = width < 100 ? fromMillis + " ms"
                    : width < 1000 ? String.format(java.util.Locale.ROOT, "%.1f s", fromMillis / 1000.0) : fromMillis / 1000 + " s";
            return toMillis == Long.MAX_VALUE ? "≥ " + from : from;
        }
    }

    /** One workflow step: how often it was timed and how long it took. */
    public record StepTiming(String step, long count, double meanMillis, long p90Millis, long maxMillis) {
    }

    /** Boards passed in the period starting {@code start}, as a rate per hour. */
    public record Throughput(Instant start, long seconds, long passed) {
        public double unitsPerHour() {
            return passed * 3600.0 / seconds;
        }
    }

    /** One operator: attempts run in their name and how they ended. */
    public record OperatorStats(String operator, long attempts, long passed, long failed) {
    }

    /** A certificate of the batch that was withdrawn. */
    public record Revocation(String serial, String deviceId, String reason, Instant revokedAt) {
    }

    /**
     * The audit trail's state when the report was made: verified in full (every hash, link and
     * checkpoint signature), and the last checkpoint the station signed.
     */
    public record AuditStatus(boolean intact, long rows, long checkpoints, List<String> problems, List<String> warnings,
                              long lastCheckpointSeq, Instant lastCheckpointAt) {
        public AuditStatus {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
        }
    }
}

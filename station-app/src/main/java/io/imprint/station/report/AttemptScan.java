package io.imprint.station.report;

import io.imprint.station.report.ReportSections.CycleTimes;
import io.imprint.station.report.ReportSections.FailureReason;
import io.imprint.station.report.ReportSections.HistogramBucket;
import io.imprint.station.report.ReportSections.OperatorStats;
import io.imprint.station.report.ReportSections.SlotStats;
import io.imprint.station.report.ReportSections.StepTiming;
import io.imprint.station.report.ReportSections.Throughput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adds up a batch's finished attempts in one pass, in device order: units, first passes and retries,
 * the failure Pareto, slots, operators, cycle times and passes per minute. What it keeps grows with the
 * distinct slots, operators, reasons and minutes, never with the number of attempts.
 *
 * <p>Not thread-safe.
 */
final class AttemptScan {

    private static final int HISTOGRAM_BUCKETS = 20;

    private final Map<String, Long> failures = new HashMap<>();
    private final Map<String, long[]> slots = new TreeMap<>();
    private final Map<String, long[]> operators = new TreeMap<>();
    private final TreeMap<Long, Long> passesPerMinute = new TreeMap<>();
    private final Histogram cycle = new Histogram();
    private final Map<String, Histogram> steps = new HashMap<>();
    /** Passed or failed attempts finished before attempts.step_millis (V8): their timings are only in attempt_steps. */
    long untimedInRow;
    private String device;
    private boolean devicePassed;
    long units;
    long passedUnits;
    long firstPassUnits;
    long attempts;
    long abandoned;
    long unidentifiedFailures;

    /** One finished attempt; calls come ordered by device id, then attempt id (null device ids together, first or last). */
    void accept(String deviceId, String outcome, String reason, String slot, String operator, Instant started, Instant finished,
                String stepMillis) {
        attempts++;
        steps(outcome, stepMillis);
        boolean passed = outcome.equals("PASSED");
        boolean failed = outcome.equals("FAILED");
        if (deviceId == null) {
            if (failed) {
                units++;
                unidentifiedFailures++;
            }
        } else if (!deviceId.equals(device)) {
            device = deviceId;
            devicePassed = false;
            units++;
            if (passed) {
                firstPassUnits++;
            }
        }
        if (passed && deviceId != null && !devicePassed) {
            devicePassed = true;
            passedUnits++;
        }
        if (outcome.equals("ABANDONED")) {
            abandoned++;
        }
        if (failed) {
            failures.merge(reason == null ? "(no reason recorded)" : reason, 1L, Long::sum);
        }
        long cycleMillis = passed ? java.time.Duration.between(started, finished).toMillis() : 0;
        long[] s = slots.computeIfAbsent(slot, k -> new long[4]);
        long[] o = operators.computeIfAbsent(operator, k -> new long[3]);
        s[0]++;
        o[0]++;
        if (passed) {
            s[1]++;
            s[3] += cycleMillis;
            o[1]++;
            cycle.record(cycleMillis);
            passesPerMinute.merge(finished.getEpochSecond() / 60, 1L, Long::sum);
        } else if (failed) {
            s[2]++;
            o[2]++;
        }
    }

    private void steps(String outcome, String stepMillis) {
        if (stepMillis == null) {
            if (!outcome.equals("ABANDONED")) {
                untimedInRow++;
            }
            return;
        }
        for (int at = 0; at < stepMillis.length(); ) {
            int comma = stepMillis.indexOf(',', at);
            int end = comma < 0 ? stepMillis.length() : comma;
            int equals = stepMillis.indexOf('=', at);
            if (equals > at && equals < end) {
                steps.computeIfAbsent(stepMillis.substring(at, equals), k -> new Histogram()).record(Long.parseLong(stepMillis, equals + 1, end, 10));
            }
            at = end + 1;
        }
    }

    /** Step timings from the attempts' own column, when every timed attempt has it (else see {@link #untimedInRow}). */
    List<StepTiming> steps() {
        return ReportQueries.stepTimings(steps);
    }

    List<FailureReason> failures() {
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(failures.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        long total = sorted.stream().mapToLong(Map.Entry::getValue).sum();
        List<FailureReason> pareto = new ArrayList<>(sorted.size());
        long running = 0;
        for (Map.Entry<String, Long> e : sorted) {
            running += e.getValue();
            pareto.add(new FailureReason(e.getKey(), e.getValue(), ReportCounts.percent(running, total)));
        }
        return pareto;
    }

    List<SlotStats> slots() {
        return slots.entrySet().stream().map(e -> new SlotStats(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2],
                e.getValue()[1] == 0 ? 0 : (double) e.getValue()[3] / e.getValue()[1])).toList();
    }

    List<OperatorStats> operators() {
        return operators.entrySet().stream().map(e -> new OperatorStats(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2])).toList();
    }

    CycleTimes cycleTimes() {
        if (cycle.count() == 0) {
            return new CycleTimes(0, 0, 0, 0, 0, 0, List.of());
        }
        long p99 = cycle.percentile(0.99);
        // Buckets up to the p99, so one stuck board does not squash every other bar into the first.
        long width = niceWidth(Math.max(p99, 1), HISTOGRAM_BUCKETS);
        long[] counts = cycle.coarse(width, HISTOGRAM_BUCKETS);
        List<HistogramBucket> buckets = new ArrayList<>();
        for (int i = 0; i < HISTOGRAM_BUCKETS; i++) {
            buckets.add(new HistogramBucket(i * width, i == HISTOGRAM_BUCKETS - 1 ? Long.MAX_VALUE : (i + 1) * width, counts[i]));
        }
        return new CycleTimes(cycle.count(), cycle.mean(), cycle.percentile(0.5), cycle.percentile(0.9), p99, cycle.max(), buckets);
    }

    /** Passes per period, the period chosen from the span so a shift shows as a series, not a single bar. */
    List<Throughput> throughput() {
        if (passesPerMinute.isEmpty()) {
            return List.of();
        }
        long seconds = period((passesPerMinute.lastKey() - passesPerMinute.firstKey()) * 60);
        TreeMap<Long, Long> periods = new TreeMap<>();
        passesPerMinute.forEach((minute, n) -> periods.merge(minute * 60 / seconds, n, Long::sum));
        return periods.entrySet().stream().map(e -> new Throughput(Instant.ofEpochSecond(e.getKey() * seconds), seconds, e.getValue())).toList();
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
}

package io.imprint.station.report;

/**
 * Milliseconds counted in buckets of bounded relative width, so percentiles of any number of values
 * take the same 36 KiB: exact below 1,024 ms, and above within 1/64 (1.6 %) of the true value, like
 * HdrHistogram at two significant digits. A 100,000-device batch's eight step timings each would
 * otherwise hold every value to sort.
 *
 * <p>Not thread-safe.
 */
final class Histogram {

    private static final int LINEAR = 1024;
    private static final int SUB_BUCKETS = 64;
    private static final int SUB_BITS = 6;
    private static final int BUCKETS = LINEAR + (63 - 10) * SUB_BUCKETS;

    private final long[] counts = new long[BUCKETS];
    private long count;
    private double sum;
    private long max;

    void record(long millis) {
        long v = Math.max(0, millis);
        counts[index(v)]++;
        count++;
        sum += v;
        max = Math.max(max, v);
    }

    static int index(long v) {
        if (v < LINEAR) {
            return (int) v;
        }
        int exp = 63 - Long.numberOfLeadingZeros(v);
        return LINEAR + (exp - 10) * SUB_BUCKETS + (int) ((v >>> (exp - SUB_BITS)) & (SUB_BUCKETS - 1));
    }

    /** The smallest value that falls in bucket {@code i}. */
    static long lowest(int i) {
        if (i < LINEAR) {
            return i;
        }
        int exp = 10 + (i - LINEAR) / SUB_BUCKETS;
        int sub = (i - LINEAR) % SUB_BUCKETS;
        return (1L << exp) + ((long) sub << (exp - SUB_BITS));
    }

    long count() {
        return count;
    }

    double mean() {
        return count == 0 ? 0 : sum / count;
    }

    long max() {
        return max;
    }

    /** The value at quantile {@code q} (0.5 for the median): the lowest of its bucket, never above the max. */
    long percentile(double q) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(lowest(i), max);
            }
        }
        return max;
    }

    /** Counts in {@code n} buckets of {@code width} ms from 0, the last open above (each value by its bucket's lowest). */
    long[] coarse(long width, int n) {
        long[] out = new long[n];
        for (int i = 0; i < BUCKETS; i++) {
            if (counts[i] != 0) {
                out[(int) Math.min(n - 1, lowest(i) / width)] += counts[i];
            }
        }
        return out;
    }
}

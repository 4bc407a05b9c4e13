package io.imprint.station.sync.online;

import java.time.Duration;

/**
 * Paces registry calls to a rate: a token bucket refilled at {@code perSecond} tokens a second, holding
 * at most {@code burst}. With a burst of 1 the calls are evenly spaced, which is what a registry's
 * per-second quota (AWS: about 10 registrations a second) wants; a larger burst lets a station that was
 * idle catch up quickly but then exceeds the quota for a moment.
 *
 * <p>Not thread-safe: one sync runner paces one target from one thread.
 */
public final class TokenBucket {

    private final SyncClock clock;
    private final double perSecond;
    private final double burst;
    private double tokens;
    private long last;

    public TokenBucket(SyncClock clock, double perSecond, int burst) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("the rate must be a positive number of calls a second, not " + perSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("the burst must be at least 1, not " + burst);
        }
        this.clock = clock;
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = 1;
        this.last = clock.nanos();
    }

    public double perSecond() {
        return perSecond;
    }

    /** Waits until {@code n} tokens are there and takes them (n above the burst: waits for them all the same). */
    public void acquire(int n) throws InterruptedException {
        // A call of n above the burst may save up n: capping at the burst would throw away what it waited for.
        double capacity = Math.max(burst, n);
        refill(capacity);
        double missing = n - tokens;
        if (missing > 0) {
            clock.sleep(Duration.ofNanos((long) Math.ceil(missing / perSecond * 1e9)));
            refill(capacity);
        }
        // The sleep may have been a hair short of the deficit (rounding): the debt is carried, never lost,
        // so the long-run rate is exact.
        tokens -= n;
    }

    private void refill(double capacity) {
        long now = clock.nanos();
        tokens = Math.min(capacity, tokens + (now - last) / 1e9 * perSecond);
        last = now;
    }
}

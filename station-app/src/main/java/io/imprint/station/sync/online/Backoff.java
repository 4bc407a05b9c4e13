package io.imprint.station.sync.online;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How long the sync waits after a registry said "slow down" or did not answer: exponential from
 * {@code base}, with jitter (half the step fixed, half random) so several stations do not retry in step,
 * capped at {@code cap}; a Retry-After the registry sent is honoured when it asks for longer.
 *
 * <p>Not thread-safe (the random generator).
 */
public final class Backoff {

    /** A Retry-After beyond this is a registry's mistake, not a reason to stop for a day. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(15);

    private final Duration base;
    private final Duration cap;
    private final RandomGenerator random;

    public Backoff(Duration base, Duration cap, RandomGenerator random) {
        if (!base.isPositive() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff base must be positive and at most the cap (" + base + ", " + cap + ")");
        }
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    public static Backoff standard() {
        return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60), RandomGenerator.getDefault());
    }

    /** The wait before try {@code failures + 1}, after {@code failures} (≥ 1) failures in a row. */
    public Duration after(int failures, Optional<Duration> retryAfter) {
        int doublings = Math.min(Math.max(failures, 1) - 1, 30);
        long step = Math.min(cap.toMillis(), base.toMillis() << doublings);
        long jittered = step / 2 + (long) (random.nextDouble() * (step - step / 2));
        Duration wait = Duration.ofMillis(jittered);
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter.get();
            if (asked.compareTo(wait) > 0) {
                wait = asked;
            }
        }
        return wait;
    }
}

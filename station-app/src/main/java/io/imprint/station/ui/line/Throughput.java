package io.imprint.station.ui.line;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Units per hour over the last passes (at most 50, at most 15 minutes old), and the time the rest of
 * the batch will take at that rate. Recent passes rather than the whole shift: a lunch break should
 * not drag the estimate for the afternoon.
 *
 * <p>Not thread-safe (FX thread).
 */
final class Throughput {

    private static final int WINDOW = 50;
    private static final Duration MAX_AGE = Duration.ofMinutes(15);
    /** A burst of boards in the first seconds is not an hourly rate: spans shorter than this count as this long. */
    private static final Duration MIN_SPAN = Duration.ofMinutes(1);

    private final Deque<Instant> passes = new ArrayDeque<>();

    void passed(Instant at) {
        passes.addLast(at);
        while (passes.size() > WINDOW) {
            passes.removeFirst();
        }
    }

    /** Boards per hour, once two passes give a rate. */
    Optional<Double> perHour(Instant now) {
        while (!passes.isEmpty() && Duration.between(passes.getFirst(), now).compareTo(MAX_AGE) > 0) {
            passes.removeFirst();
        }
        if (passes.size() < 2) {
            return Optional.empty();
        }
        Duration span = Duration.between(passes.getFirst(), now);
        double seconds = Math.max(span.toMillis(), MIN_SPAN.toMillis()) / 1000.0;
        return Optional.of(passes.size() * 3600.0 / seconds);
    }

    Optional<Duration> timeFor(long remaining, Instant now) {
        return perHour(now).filter(r -> r > 0).map(r -> Duration.ofSeconds(Math.round(remaining * 3600.0 / r)));
    }
}

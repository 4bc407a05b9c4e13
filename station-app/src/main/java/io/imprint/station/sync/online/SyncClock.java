package io.imprint.station.sync.online;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The sync's sense of time: instants for the batch log, a monotonic reading for pacing, and sleeping.
 * One interface so a test's fake clock moves when the sync "sleeps", and pacing is checked without waiting.
 *
 * <p>Implementations are thread-safe.
 */
public interface SyncClock {

    Instant now();

    /** A monotonic reading in nanoseconds (only differences mean anything). */
    long nanos();

    void sleep(Duration duration) throws InterruptedException;

    /** The wall clock, System.nanoTime and Thread.sleep. */
    static SyncClock system() {
        return new SyncClock() {
            @Override
            public Instant now() {
                return Clock.systemUTC().instant();
            }

            @Override
            public long nanos() {
                return System.nanoTime();
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                if (duration.isPositive()) {
                    Thread.sleep(duration);
                }
            }
        };
    }
}

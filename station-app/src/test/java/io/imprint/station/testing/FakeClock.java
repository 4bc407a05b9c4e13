package io.imprint.station.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when told, or by a fixed step on every reading so times are distinct.
 * Thread-safe.
 */
public final class FakeClock extends Clock {

    private final AtomicReference<Instant> now;
    private final Duration step;

    public FakeClock(Instant start, Duration stepPerReading) {
        this.now = new AtomicReference<>(start);
        this.step = stepPerReading;
    }

    public static FakeClock ticking() {
        return new FakeClock(Instant.parse("2025-06-01T08:00:00.000001Z"), Duration.ofMillis(1500).plusNanos(123_456_789));
    }

    public void advance(Duration by) {
        now.updateAndGet(t -> t.plus(by));
    }

    @Override
    public Instant instant() {
        return now.getAndUpdate(t -> t.plus(step));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the fake clock is UTC only");
    }
}

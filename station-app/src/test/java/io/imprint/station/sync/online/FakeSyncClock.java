package io.imprint.station.sync.online;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A sync clock whose sleeps move time at once and are remembered. Not thread-safe. */
final class FakeSyncClock implements SyncClock {

    final List<Duration> sleeps = new ArrayList<>();
    private long nanos;

    @Override
    public Instant now() {
        return Instant.EPOCH.plusNanos(nanos);
    }

    @Override
    public long nanos() {
        return nanos;
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        nanos += duration.toNanos();
    }

    Duration elapsed() {
        return Duration.ofNanos(nanos);
    }
}

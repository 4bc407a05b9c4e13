package io.imprint.station.sync.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Pacing on a clock that moves when the bucket sleeps. */
class TokenBucketTest {

    private final FakeSyncClock clock = new FakeSyncClock();

    @Test
    void callsOfOneAreEvenlySpacedAtTheRate() throws Exception {
        TokenBucket bucket = new TokenBucket(clock, 10, 1);
        for (int i = 0; i < 11; i++) {
            bucket.acquire(1);
        }
        assertThat(clock.elapsed().toMillis()).isBetween(999L, 1001L);
    }

    @Test
    void callsOfTenTakeTenTokensEachAndNoMore() throws Exception {
        TokenBucket bucket = new TokenBucket(clock, 10, 1);
        for (int i = 0; i < 11; i++) {
            bucket.acquire(10);
        }
        // The first waits for 9 (one is there at the start), each of the next ten for 10: 10.9 s, not twice that.
        assertThat(clock.elapsed().toMillis()).isBetween(10_899L, 10_901L);
    }

    @Test
    void timeSpentInTheCallCountsTowardsTheNextWait() throws Exception {
        TokenBucket bucket = new TokenBucket(clock, 10, 1);
        bucket.acquire(10);
        clock.sleep(Duration.ofMillis(400));
        bucket.acquire(10);
        assertThat(clock.elapsed().toMillis()).isBetween(1_899L, 1_901L);
    }

    @Test
    void anIdleStationSavesUpNoMoreThanTheBurst() throws Exception {
        TokenBucket bucket = new TokenBucket(clock, 10, 3);
        clock.sleep(Duration.ofSeconds(100));
        long before = clock.elapsed().toMillis();
        for (int i = 0; i < 13; i++) {
            bucket.acquire(1);
        }
        assertThat(clock.elapsed().toMillis() - before).isBetween(999L, 1001L);
    }

    @Test
    void aRateThatIsNoRateIsRefused() {
        assertThatThrownBy(() -> new TokenBucket(clock, 0, 1)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new TokenBucket(clock, Double.NaN, 1)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new TokenBucket(clock, 10, 0)).hasMessageContaining("burst");
    }
}

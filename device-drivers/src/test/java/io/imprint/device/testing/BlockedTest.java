package io.imprint.device.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** {@link Blocked} tells a thread waiting in a method from one merely running through it or gone. */
final class BlockedTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean stop = new AtomicBoolean();

    @Test
    void aThreadParkedInTheMethodIsBlockedThere() throws Exception {
        Thread t = Thread.ofPlatform().daemon().start(this::waitForRelease);
        try {
            Blocked.waitUntilBlockedIn(t, "BlockedTest.waitForRelease", Duration.ofSeconds(10));
            assertThat(t.getState()).isIn(Thread.State.WAITING, Thread.State.TIMED_WAITING);
        } finally {
            release.countDown();
            t.join();
        }
    }

    @Test
    void aThreadBusyInACallFromTheMethodIsNotBlockedInIt() throws Exception {
        // Somewhere under read() is not enough: a read spinning in a helper of its own is not waiting.
        Thread t = Thread.ofPlatform().daemon().start(this::callSpin);
        try {
            assertThatThrownBy(() -> Blocked.waitUntilBlockedIn(t, "BlockedTest.callSpin", Duration.ofMillis(300)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("did not block in BlockedTest.callSpin within PT0.3S")
                    .hasMessageContaining("RUNNABLE")
                    .hasMessageContaining("BlockedTest.spin");
        } finally {
            stop.set(true);
            t.join();
        }
    }

    @Test
    void aThreadWaitingInAnotherMethodIsNotBlockedInThisOne() throws Exception {
        Thread t = Thread.ofPlatform().daemon().start(this::waitForRelease);
        try {
            assertThatThrownBy(() -> Blocked.waitUntilBlockedIn(t, "BlockedTest.spin", Duration.ofMillis(300)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("waitForRelease");
        } finally {
            release.countDown();
            t.join();
        }
    }

    @Test
    void aThreadThatEndsFailsAtOnceRatherThanAtTheTimeout() throws Exception {
        Thread t = Thread.ofPlatform().start(() -> { });
        t.join();
        long start = System.nanoTime();
        assertThatThrownBy(() -> Blocked.waitUntilBlockedIn(t, "BlockedTest.waitForRelease", Duration.ofSeconds(10)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("ended before it blocked");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    private void waitForRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void callSpin() {
        spin();
    }

    private void spin() {
        long n = 0;
        while (!stop.get()) {
            n++;
        }
        assertThat(n).isPositive();
    }
}

package io.imprint.device.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.pty.PtyPair;
import io.imprint.device.transport.PortIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Debouncing driven by {@link PortWatcher#scan(long)} with a made-up clock, plus one real run. */
class PortWatcherTest {

    private static final long MS = 1_000_000L;
    private static final PortIdentity USB0 = PortIdentity.ofPath("/dev/ttyUSB0");
    private static final PortIdentity USB1 = new PortIdentity("/dev/ttyUSB1", Optional.of(0x0483), Optional.of(0x5740),
            Optional.of("A1"), Optional.of("1-2.4"));

    /** A source the test sets by hand, which can also be made to fail. */
    private static final class Ports implements Supplier<Collection<PortIdentity>> {
        private List<PortIdentity> now = List.of();
        private boolean failing;

        void set(PortIdentity... ports) {
            now = List.of(ports);
        }

        @Override
        public Collection<PortIdentity> get() {
            if (failing) {
                throw new IllegalStateException("udev is having a bad day");
            }
            return now;
        }
    }

    private final Ports ports = new Ports();
    private final List<PortEvent> events = new ArrayList<>();
    private final PortWatcher watcher = new PortWatcher(ports, Duration.ofMillis(300), Duration.ofMillis(50), events::add);

    @Test
    void aPortIsAttachedOnlyOnceItHasStayedForTheDebounce() {
        ports.set(USB0, USB1);
        watcher.scan(1000 * MS);
        watcher.scan(1200 * MS);
        assertThat(events).isEmpty();
        watcher.scan(1300 * MS);
        assertThat(events).containsExactly(new PortEvent.Attached(USB0), new PortEvent.Attached(USB1));
        watcher.scan(5000 * MS);
        assertThat(events).hasSize(2);
    }

    @Test
    void aConnectorFlappingWithinTheDebounceMakesNoEvents() {
        for (long t = 0; t < 3000; t += 100) {
            ports.set(t % 200 == 0 ? new PortIdentity[] {USB0} : new PortIdentity[0]);
            watcher.scan(t * MS);
        }
        assertThat(events).isEmpty();

        ports.set(USB0);
        watcher.scan(3000 * MS);
        watcher.scan(3300 * MS);
        assertThat(events).containsExactly(new PortEvent.Attached(USB0));
        for (long t = 3400; t < 6000; t += 100) {
            ports.set(t % 200 == 0 ? new PortIdentity[] {USB0} : new PortIdentity[0]);
            watcher.scan(t * MS);
        }
        assertThat(events).as("a flapping attached port stays attached").hasSize(1);
    }

    @Test
    void aPortIsDetachedOnlyOnceItHasBeenGoneForTheDebounce() {
        ports.set(USB0, USB1);
        watcher.scan(0);
        watcher.scan(300 * MS);
        events.clear();
        ports.set(USB0);
        watcher.scan(400 * MS);
        watcher.scan(699 * MS);
        assertThat(events).isEmpty();
        watcher.scan(700 * MS);
        assertThat(events).containsExactly(new PortEvent.Detached(USB1));
        ports.set(USB0, USB1);
        watcher.scan(800 * MS);
        watcher.scan(1100 * MS);
        assertThat(events).containsExactly(new PortEvent.Detached(USB1), new PortEvent.Attached(USB1));
    }

    @Test
    void aSourceThatThrowsChangesNothing() {
        ports.set(USB0);
        watcher.scan(0);
        watcher.scan(300 * MS);
        events.clear();
        ports.failing = true;
        for (long t = 400; t < 2000; t += 100) {
            watcher.scan(t * MS);
        }
        assertThat(events).as("a failing source is not an empty one").isEmpty();
        ports.failing = false;
        ports.set();
        watcher.scan(2000 * MS);
        watcher.scan(2300 * MS);
        assertThat(events).containsExactly(new PortEvent.Detached(USB0));
    }

    @Test
    void aNullListAndAThrowingListenerAreSurvived() {
        List<PortEvent> seen = new ArrayList<>();
        PortWatcher w = new PortWatcher(() -> null, Duration.ZERO, Duration.ofMillis(10), seen::add);
        w.scan(0);
        PortWatcher angry = new PortWatcher(() -> List.of(USB0, USB1), Duration.ZERO, Duration.ofMillis(10), e -> {
            seen.add(e);
            throw new IllegalStateException("listener bug");
        });
        angry.scan(0);
        assertThat(seen).containsExactly(new PortEvent.Attached(USB0), new PortEvent.Attached(USB1));
    }

    @Test
    void aRealPseudoTerminalIsSeenComingAndGoing() throws Exception {
        Set<String> candidates = new CopyOnWriteArraySet<>();
        BlockingQueue<PortEvent> seen = new LinkedBlockingQueue<>();
        // Like a udev scan: the ports whose device node exists right now.
        Supplier<List<PortIdentity>> devices = () -> candidates.stream()
                .filter(p -> Files.exists(Path.of(p))).map(PortIdentity::ofPath).toList();
        try (PortWatcher live = new PortWatcher(devices, Duration.ofMillis(100), Duration.ofMillis(20), seen::add)) {
            live.start();
            live.start();
            PtyPair pair = PtyPair.open();
            PortIdentity board = PortIdentity.ofPath(pair.slavePath());
            candidates.add(pair.slavePath());
            assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo(new PortEvent.Attached(board));
            pair.close();
            assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo(new PortEvent.Detached(board));
            assertThat(seen.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }
}

package io.imprint.station.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.port.BoardPorts;
import io.imprint.device.transport.PortIdentity;
import io.imprint.device.transport.Transport;
import io.imprint.device.watch.PortEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A slot wakes when its port's directory changes or the ports report an event, not when a timer says so:
 * each wait here is given far longer than the test could take, so it passing means the event ended it.
 */
class SlotWakeupTest {

    private static final Duration LONG = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @Test
    void aSocketLinkAppearingOrGoingWakesTheSlot() throws Exception {
        Path link = dir.resolve("socket-1");
        try (SlotWakeup wakeup = new SlotWakeup(new QuietPorts(), "slot-1")) {
            wakeup.watchPath(link);
            long before = wakeup.changes();
            CompletableFuture<Boolean> woke = CompletableFuture.supplyAsync(() -> wakeup.awaitChange(before, LONG));
            Files.createSymbolicLink(link, Path.of("/dev/null"));
            assertThat(woke.get(60, TimeUnit.SECONDS)).isTrue();
            assertThat(wakeup.changes()).isGreaterThan(before);

            long plugged = wakeup.changes();
            CompletableFuture<Boolean> again = CompletableFuture.supplyAsync(() -> wakeup.awaitChange(plugged, LONG));
            Files.delete(link);
            assertThat(again.get(60, TimeUnit.SECONDS)).isTrue();
            assertThat(wakeup.changes()).isGreaterThan(plugged);
        }
    }

    @Test
    void aPortEventWakesTheSlotAndClosingEndsTheWait() throws Exception {
        QuietPorts ports = new QuietPorts();
        try (SlotWakeup wakeup = new SlotWakeup(ports, "slot-2")) {
            long before = wakeup.changes();
            CompletableFuture<Boolean> woke = CompletableFuture.supplyAsync(() -> wakeup.awaitChange(before, LONG));
            ports.listener.accept(new PortEvent.Attached(PortIdentity.ofPath("usb:1-2")));
            assertThat(woke.get(60, TimeUnit.SECONDS)).isTrue();

            long now = wakeup.changes();
            CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(() -> wakeup.awaitChange(now, LONG));
            wakeup.close();
            assertThat(closed.get(60, TimeUnit.SECONDS)).as("a closed wakeup tells the slot to stop").isFalse();
        }
        assertThat(ports.watchClosed).isTrue();
    }

    /** Ports that list nothing and hand the test the watch's listener. */
    private static final class QuietPorts implements BoardPorts {
        volatile Consumer<PortEvent> listener;
        volatile boolean watchClosed;

        @Override
        public List<PortIdentity> list() {
            return List.of();
        }

        @Override
        public AutoCloseable watch(Duration debounce, Consumer<PortEvent> listener) {
            this.listener = listener;
            return () -> watchClosed = true;
        }

        @Override
        public Transport transport(PortIdentity port, int baud) {
            throw new UnsupportedOperationException("no boards here");
        }

        @Override
        public void close() {
        }
    }
}

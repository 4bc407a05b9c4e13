package io.imprint.station.run;

import io.imprint.device.family.BoardOpener;
import io.imprint.device.family.Boards;
import io.imprint.device.family.FamilySettings;
import io.imprint.device.port.BoardPorts;
import io.imprint.device.session.LinkTiming;
import io.imprint.device.transport.PortIdentity;
import io.imprint.station.engine.ProvisioningWorkflow;
import io.imprint.station.engine.SlotObserver;
import io.imprint.station.engine.SlotView;
import io.imprint.station.engine.Station;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One slot of the fixture: waits for a board on its port, provisions it with its family's driver (the
 * slot's setting, or the one a probe finds), waits for it to be taken out (the port disappears, or now
 * leads to another device), and again. It looks when its ports or their directories change
 * ({@link SlotWakeup}), not on a timer. A slow or faulty board holds up only its own slot.
 *
 * <p>Runs on its own thread; {@link #stop()} and {@link #cancel()} from any thread.
 */
public final class SlotRunner implements Runnable {

    private final Station station;
    private final String name;
    private final BoardPorts ports;
    private final PortBinding binding;
    private final int baud;
    private final String batchId;
    private final String operator;
    private final LinkTiming timing;
    private final SlotObserver observer;
    private final Consumer<SlotView> finished;
    private volatile FamilySettings families = FamilySettings.probing();
    private volatile boolean running = true;
    private volatile boolean cancelling;
    private volatile SlotWakeup wakeup;
    /** The attempt in flight, for {@link #cancel()}; null between boards. */
    private volatile ProvisioningWorkflow current;

    /**
     * The port a slot leads to, and for a device node when the node was made. The path alone does not
     * tell boards apart: a pty or ttyUSB number freed by one board is given to the next, so a quick swap
     * leaves the path as it was, and the slot would wait for a removal it already missed. The node is new.
     * A USB bulk board has no node: its identity (location and serial number) is what tells.
     */
    private record Device(PortIdentity port, Object made) {
    }

    public SlotRunner(Station station, BoardPorts ports, String name, Path port, String batchId, String operator, int baud, SlotObserver observer,
                      Consumer<SlotView> finished) {
        this(station, ports, name, (PortBinding) new PortBinding.ByPath(port), batchId, operator, baud, observer, finished);
    }

    /** A slot bound by {@code binding}: a path, or a USB serial number or physical location that survives renumbering. */
    public SlotRunner(Station station, BoardPorts ports, String name, PortBinding binding, String batchId, String operator, int baud,
                      SlotObserver observer, Consumer<SlotView> finished) {
        this.station = station;
        this.ports = ports;
        this.name = name;
        this.binding = binding;
        this.baud = baud;
        this.batchId = batchId;
        this.operator = operator;
        this.timing = LinkTiming.standard(baud);
        this.observer = observer;
        this.finished = finished;
    }

    /** Which family this slot's boards are (probed by default); set before the slot starts. */
    public SlotRunner families(FamilySettings settings) {
        this.families = settings;
        return this;
    }

    @Override
    public void run() {
        try (SlotWakeup events = new SlotWakeup(ports, name)) {
            wakeup = events;
            if (binding instanceof PortBinding.ByPath(Path path)) {
                events.watchPath(path);
            }
            if (!running) {
                return;
            }
            while (running) {
                Optional<Device> board = waitForBoard(events);
                if (board.isEmpty()) {
                    return;
                }
                PortIdentity port = board.get().port();
                BoardOpener opener = Boards.opener(() -> ports.transport(port, baud), timing, families);
                ProvisioningWorkflow workflow = new ProvisioningWorkflow(station, name, port.path(), opener, operator, batchId, observer);
                current = workflow;
                // cancel() sets cancelling before it reads current; this reads cancelling after setting current: one sees the other.
                if (cancelling) {
                    workflow.cancel();
                }
                SlotView result;
                try {
                    result = workflow.run();
                } finally {
                    current = null;
                }
                finished.accept(result);
                waitForRemoval(events, board.get());
            }
        }
    }

    /** The device the port leads to once one is there; empty when stopped. */
    private Optional<Device> waitForBoard(SlotWakeup events) {
        while (running) {
            long seen = events.changes();
            Optional<Device> now = resolve();
            if (now.isPresent()) {
                if (binding instanceof PortBinding.ByPath(Path path)) {
                    events.watchPath(path); // the node it leads to now, so its removal wakes the slot too
                }
                return now;
            }
            if (!events.awaitChange(seen, SlotWakeup.FALLBACK)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private void waitForRemoval(SlotWakeup events, Device board) {
        while (running) {
            long seen = events.changes();
            if (resolve().filter(board::equals).isEmpty()) {
                return;
            }
            if (!events.awaitChange(seen, SlotWakeup.FALLBACK)) {
                return;
            }
        }
    }

    private Optional<Device> resolve() {
        try {
            Optional<PortIdentity> located = binding.locate(ports);
            if (located.isEmpty()) {
                return Optional.empty();
            }
            if (located.get().path().startsWith("usb:")) {
                return Optional.of(new Device(located.get(), null));
            }
            Path path = Path.of(located.get().path());
            if (!Files.exists(path)) {
                return Optional.empty();
            }
            Path real = path.toRealPath();
            return Optional.of(new Device(withPath(located.get(), real.toString()), made(real)));
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static PortIdentity withPath(PortIdentity id, String path) {
        return new PortIdentity(path, id.vendorId(), id.productId(), id.serialNumber(), id.physicalLocation());
    }

    /**
     * The node's status-change time: set when the node is made, left alone by a tty's reads and writes
     * (which move its access and modification times). Null where the file system has none: the path alone.
     */
    private static Object made(Path path) throws IOException {
        try {
            return Files.getAttribute(path, "unix:ctime");
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Stops once the board in flight, if any, is done: no new board is taken. */
    public void stop() {
        running = false;
        SlotWakeup events = wakeup;
        if (events != null) {
            events.signal();
        }
    }

    /**
     * Stops now: the board in flight is cancelled, and its attempt recorded as stopped by the station
     * (ABANDONED) before the slot's thread ends; join the thread to know it is recorded. The port stays
     * the attempt's until then, so it must not be closed under it.
     */
    public void cancel() {
        cancelling = true;
        stop();
        ProvisioningWorkflow workflow = current;
        if (workflow != null) {
            workflow.cancel();
        }
    }

    public String name() {
        return name;
    }
}

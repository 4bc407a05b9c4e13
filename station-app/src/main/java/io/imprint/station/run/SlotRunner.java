package io.imprint.station.run;

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
 * One slot of the fixture: waits for a board on its port, provisions it, waits for it to be taken
 * out (the port disappears, or now leads to another device), and again. A slow or faulty board holds
 * up only its own slot.
 *
 * <p>Runs on its own thread; {@link #stop()} from any thread.
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
    private volatile boolean running = true;

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

    @Override
    public void run() {
        while (running) {
            Optional<Device> board = waitForBoard();
            if (board.isEmpty()) {
                return;
            }
            var transport = ports.transport(board.get().port(), baud);
            SlotView result = new ProvisioningWorkflow(station, name, transport, timing, operator, batchId, observer).run();
            finished.accept(result);
            waitForRemoval(board.get());
        }
    }

    /** The device the port leads to once one is there; empty when stopped. */
    private Optional<Device> waitForBoard() {
        while (running) {
            Optional<Device> now = resolve();
            if (now.isPresent()) {
                return now;
            }
            pause();
        }
        return Optional.empty();
    }

    private void waitForRemoval(Device board) {
        while (running && resolve().filter(board::equals).isPresent()) {
            pause();
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

    private void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    public void stop() {
        running = false;
    }

    public String name() {
        return name;
    }
}

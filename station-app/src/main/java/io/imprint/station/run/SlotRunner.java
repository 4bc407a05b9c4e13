package io.imprint.station.run;

import io.imprint.device.serial.JSerialCommPort;
import io.imprint.device.serial.SerialSettings;
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
    private final Path port;
    private final String batchId;
    private final String operator;
    private final SerialSettings serial;
    private final LinkTiming timing;
    private final SlotObserver observer;
    private final Consumer<SlotView> finished;
    private volatile boolean running = true;

    public SlotRunner(Station station, String name, Path port, String batchId, String operator, int baud, SlotObserver observer, Consumer<SlotView> finished) {
        this.station = station;
        this.name = name;
        this.port = port;
        this.batchId = batchId;
        this.operator = operator;
        this.serial = SerialSettings.of(baud);
        this.timing = LinkTiming.standard(baud);
        this.observer = observer;
        this.finished = finished;
    }

    @Override
    public void run() {
        while (running) {
            Optional<Path> board = waitForBoard();
            if (board.isEmpty()) {
                return;
            }
            var transport = new JSerialCommPort(PortIdentity.ofPath(board.get().toString()), serial);
            SlotView result = new ProvisioningWorkflow(station, name, transport, timing, operator, batchId, observer).run();
            finished.accept(result);
            waitForRemoval(board.get());
        }
    }

    /** The device the port leads to once one is there; empty when stopped. */
    private Optional<Path> waitForBoard() {
        while (running) {
            Optional<Path> now = resolve();
            if (now.isPresent()) {
                return now;
            }
            pause();
        }
        return Optional.empty();
    }

    private void waitForRemoval(Path board) {
        while (running && resolve().filter(board::equals).isPresent()) {
            pause();
        }
    }

    private Optional<Path> resolve() {
        try {
            return Files.exists(port) ? Optional.of(port.toRealPath()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
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

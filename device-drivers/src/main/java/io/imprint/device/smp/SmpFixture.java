package io.imprint.device.smp;

import io.imprint.device.sim.SimulatorFarm;
import io.imprint.device.transport.Transport;
import io.imprint.device.transport.TransportException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Simulated Zephyr SMP boards for a {@link SimulatorFarm}: each keeps its files across re-plugs, as flash
 * does, and gets a fresh device id when a new board goes in.
 *
 * <p>Thread-safe.
 */
public final class SmpFixture implements SimulatorFarm.Family<SmpFixture.SimulatedBoard> {

    /** One board's flash: its id and the files the station wrote. */
    public static final class SimulatedBoard {
        private final String deviceId;
        private final Map<String, byte[]> files = new ConcurrentHashMap<>();
        private volatile SmpSimulator live;

        SimulatedBoard(String deviceId) {
            this.deviceId = deviceId;
        }

        public String deviceId() {
            return deviceId;
        }

        /** What the board holds in {@code path}, live or as left at its last unplug. */
        public Optional<byte[]> file(String path) {
            SmpSimulator sim = live;
            return sim != null ? sim.file(path) : Optional.ofNullable(files.get(path)).map(byte[]::clone);
        }

        /** The simulator while plugged in, for faults. */
        public Optional<SmpSimulator> live() {
            return Optional.ofNullable(live);
        }
    }

    private final SmpOptions options;
    private final Consumer<SmpSimulator> setUp;

    /** @param setUp called on each simulator as it is plugged in (faults, error style); may do nothing */
    public SmpFixture(SmpOptions options, Consumer<SmpSimulator> setUp) {
        this.options = options;
        this.setUp = setUp;
    }

    public SmpFixture(SmpOptions options) {
        this(options, sim -> { });
    }

    @Override
    public SimulatedBoard newBoard(int index) {
        byte[] id = new byte[5];
        new SecureRandom().nextBytes(id);
        return new SimulatedBoard("ZEP-" + HexFormat.of().withUpperCase().formatHex(id));
    }

    @Override
    public AutoCloseable serve(SimulatedBoard board, Transport master) throws TransportException {
        SmpSimulator sim = new SmpSimulator(master, options.deviceIdPath(), board.deviceId(), options.mtu());
        board.files.forEach(sim::putFile);
        setUp.accept(sim);
        board.live = sim;
        sim.start();
        return () -> {
            for (String path : List.of(options.keyPath(), options.certificatePath(), options.chainPath())) {
                sim.file(path).ifPresent(bytes -> board.files.put(path, bytes));
            }
            board.live = null;
            sim.close();
        };
    }
}

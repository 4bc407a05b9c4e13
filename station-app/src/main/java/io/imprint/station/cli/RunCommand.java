package io.imprint.station.cli;

import io.imprint.device.family.FamilySettings;
import io.imprint.device.port.BoardPorts;
import io.imprint.station.run.SlotFamilies;
import io.imprint.station.wiring.StationWiring;
import io.imprint.device.transport.PortIdentity;
import io.imprint.station.engine.SlotObserver;
import io.imprint.station.engine.SlotView;
import io.imprint.station.engine.Step;
import io.imprint.station.label.LabelService;
import io.imprint.station.run.SlotRunner;
import io.imprint.station.run.StationSetup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code imprint run}: the headless station. Provisions boards as they appear, one line per board. Told to
 * stop (SIGTERM, Ctrl-C), it cancels the boards in flight, records them as stopped by the station, and
 * only then lets the ports and the batch log close.
 *
 * <p>Not thread-safe: picocli runs it once; its shutdown hook only cancels the slots and waits.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Provision the boards of an open batch as they appear on the slots' ports; one line per board.")
final class RunCommand implements Callable<Integer> {

    /** How long the slots have to finish, or record their cancelled attempts, before the station closes. */
    private static final Duration STOPPING = Duration.ofSeconds(30);

    @Mixin
    StationOptions options;

    @Spec
    CommandSpec spec;

    @Option(names = "--batch", required = true, description = "The open batch to provision")
    String batch;

    @Option(names = "--ports", defaultValue = "auto", split = ",",
            description = "Ports, one slot each (e.g. /dev/ttyUSB0,/dev/ttyUSB1 or devsim's socket links), or 'auto' for every serial port present (default)")
    List<String> ports;

    @Option(names = "--baud", defaultValue = "115200", description = "Serial speed (default ${DEFAULT-VALUE})")
    int baud;

    @Option(names = "--family", defaultValue = "auto",
            description = "The boards' family on every slot: auto (probe each board: Imprint, then nRF91 AT, then Zephyr SMP), imprint, nrf91 or smp (default ${DEFAULT-VALUE})")
    String family;

    @Option(names = "--boards", defaultValue = "0", description = "Stop after this many boards passed (default: run until interrupted)")
    int boards;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (BoardPorts boardPorts = StationWiring.boardPorts()) {
            return run(out, boardPorts);
        }
    }

    private Integer run(PrintWriter out, BoardPorts boardPorts) throws Exception {
        List<Path> paths = ports.equals(List.of("auto"))
                ? boardPorts.list().stream().map(PortIdentity::path).filter(p -> !p.startsWith("usb:")).map(Path::of).toList()
                : ports.stream().map(Path::of).toList();
        if (paths.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "no serial ports found: plug in the fixture, or name ports with --ports");
        }
        FamilySettings families;
        try {
            families = SlotFamilies.forSlot(java.util.Map.of(SlotFamilies.STATION_FAMILY, family), 1);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        CountDownLatch closed = new CountDownLatch(1);
        try (StationSetup st = options.open(spec.commandLine().getErr());
             // A label printer that is off is a warning line: the board passed all the same.
             LabelService labels = new LabelService(st.station().db(), notice -> {
                 synchronized (out) {
                     out.println("warning: " + notice.text());
                     out.flush();
                 }
             })) {
            AtomicInteger passed = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(1);
            List<SlotRunner> slots = new ArrayList<>();
            for (int i = 0; i < paths.size(); i++) {
                slots.add(new SlotRunner(st.station(), boardPorts, "slot-" + (i + 1), paths.get(i), batch, options.user, baud, labels.observing(batch, SlotObserver.NONE), view -> {
                    synchronized (out) {
                        out.println(line(view));
                        out.flush();
                    }
                    if (view.step() == Step.PASSED && passed.incrementAndGet() == boards) {
                        done.countDown();
                    }
                }).families(families));
            }
            out.printf("station %s: batch %s on %d slot(s): %s%n", options.stationId, batch, slots.size(), paths);
            out.flush();
            // Told to stop (SIGTERM, Ctrl-C): the boards in flight are cancelled, and recorded as stopped by
            // the station, while their ports still work; the ports are closed at exit only once this returns.
            boardPorts.beforePortsCloseAtExit(Thread.ofPlatform().name("station-stop").unstarted(() -> {
                slots.forEach(SlotRunner::cancel);
                done.countDown();
                // The JVM halts as soon as its hooks return: wait until the slots are done and the station closed.
                try {
                    closed.await(STOPPING.toSeconds() + 30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            List<Thread> threads = slots.stream().map(s -> Thread.ofPlatform().name(s.name()).start(s)).toList();
            done.await();
            // After --boards passes the boards in flight finish; after SIGTERM they were cancelled (above).
            slots.forEach(SlotRunner::stop);
            long deadline = System.nanoTime() + STOPPING.toNanos();
            for (Thread t : threads) {
                if (!t.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                    spec.commandLine().getErr().printf("warning: %s did not stop in %d s; the next start records its attempt as abandoned%n",
                            t.getName(), STOPPING.toSeconds());
                }
            }
            out.printf("%d board(s) passed%n", passed.get());
            out.flush();
        } finally {
            closed.countDown();
        }
        return 0;
    }

    static String line(SlotView v) {
        String took = String.format("%.2f s", Duration.between(v.startedAt(), Instant.now()).toMillis() / 1000.0)
                + v.family().map(f -> "  " + f.label()).orElse("");
        if (v.step() == Step.PASSED) {
            return String.format("%-8s PASS  %-16s serial %s  %s", v.slot(), v.deviceId().orElse("?"), v.serial().orElse("?"), took);
        }
        var f = v.failure().orElseThrow();
        return String.format("%-8s " + (f.stopped() ? "STOP" : "FAIL") + "  %-16s %s - %s  %s", v.slot(), v.deviceId().orElse("(unidentified)"), f.reason(), f.nextAction(), took);
    }
}

package io.imprint.station.cli;

import io.imprint.device.port.BoardPorts;
import io.imprint.station.wiring.StationWiring;
import io.imprint.ca.cli.DemoCa;
import io.imprint.station.demo.DemoAccounts;
import io.imprint.station.demo.DemoStation;
import io.imprint.station.run.PortBinding;
import io.imprint.station.ui.DemoStart;
import io.imprint.station.ui.StationIds;
import io.imprint.station.ui.StationLaunch;
import io.imprint.station.ui.StationLauncher;
import io.imprint.station.ui.UiBench;
import io.imprint.ca.cli.CliErrors;
import io.imprint.ca.cli.DataDirs;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint station}: the operator's screen (JavaFX). {@code --demo} runs it on virtual boards. */
@Command(name = "station", mixinStandardHelpOptions = true,
        description = "The operator station (JavaFX): log in, unlock the HSM, run batches on the slots. --demo starts a demo station with virtual boards.")
final class StationCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Station data: CA directory ca/ and batch log station.mv.db (default $IMPRINT_HOME; with --demo $IMPRINT_HOME/demo)")
    Path dataDir;

    @Option(names = "--key", paramLabel = "URI", description = "CA key URI (default: the settings', else the one ca/ca.conf recorded)")
    String key;

    @Option(names = "--station-id", paramLabel = "ID", description = "This station's name in the audit trail (default: the settings', else the host name)")
    String stationId;

    @Option(names = "--ports", split = ",", paramLabel = "PORT", description = "Slot ports when the settings bind none: paths, serial:SN or location:1-2.4")
    List<String> ports = List.of();

    @Option(names = "--baud", defaultValue = "115200", description = "Serial speed (default ${DEFAULT-VALUE})")
    int baud;

    @Option(names = "--demo", description = "Demo station: demo CA in SoftHSM, demo accounts, an open demo batch, eight virtual boards")
    boolean demo;

    @Option(names = "--bench", paramLabel = "SECONDS", description = "Measure start to ready and FX frame gaps for SECONDS while the slots provision, then exit (with --demo)")
    Double bench;

    @Option(names = "--screenshot", paramLabel = "PNG", description = "With --bench: write a PNG of the window when the measurement ends")
    Path screenshot;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "no display: run it in a desktop session, or under a virtual one: xvfb-run -a ./imprint station …");
        }
        if (bench != null && !demo) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--bench measures the demo station: add --demo");
        }
        if (demo && !io.imprint.ca.softhsm.SoftHsm.installed()) {
            return CliErrors.print(spec.commandLine(), null, "error: " + ScreenFailures.NO_SOFTHSM, CliErrors.FAILED);
        }
        Path dir = dataDir != null ? dataDir : demo ? DemoCa.defaultDir() : DataDirs.home();
        Optional<String> settingsId = Optional.empty();
        if (!demo) {
            var settings = io.imprint.station.run.StationSettings.peek(dir);
            settingsId = Optional.ofNullable(settings.get(io.imprint.station.run.StationSettings.STATION_ID));
            if (key == null) {
                key = settings.get(io.imprint.station.run.StationSettings.KEY_URI);
            }
        }
        String id = stationId != null ? stationId : settingsId.orElse(StationIds.hostName());
        AtomicReference<DemoStation> demoStation = new AtomicReference<>();
        Optional<DemoStart> demoStart = Optional.empty();
        if (demo) {
            // Prepared while JavaFX starts: the window and the station come up side by side.
            CompletableFuture<DemoStart.Prepared> prepared = CompletableFuture.supplyAsync(() -> {
                try {
                    DemoStation d = DemoStation.prepare(dir, id, out);
                    demoStation.set(d);
                    return new DemoStart.Prepared(d.unlocked(), d.batchId());
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            demoStart = Optional.of(new DemoStart(prepared, DemoAccounts.lines()));
            out.println("Imprint demo station in " + dir + ": eight virtual boards, demo CA in SoftHSM, an open demo batch.");
            out.println("Demo accounts (user / password):");
            DemoAccounts.lines().forEach(l -> out.println("  " + l));
            out.flush();
        }
        UiBench uiBench = bench == null ? null : new UiBench(out, bench, Optional.ofNullable(screenshot));
        // The process's one port onto the boards, closed when the screen ends.
        BoardPorts boardPorts = StationWiring.boardPorts();
        StationLaunch launch = new StationLaunch(dir, Optional.ofNullable(key), Optional.of(id), ports.stream().map(PortBinding::parse).toList(),
                baud, demoStart, Optional.ofNullable(uiBench), boardPorts);
        try {
            StationLauncher.run(launch);
        } catch (RuntimeException e) {
            Optional<String> gap = ScreenFailures.explain(e);
            if (gap.isEmpty()) {
                throw e;
            }
            return CliErrors.print(spec.commandLine(), e, "error: " + gap.get(), CliErrors.FAILED);
        } finally {
            boardPorts.close();
            DemoStation d = demoStation.get();
            if (d != null) {
                d.close();
            }
        }
        return uiBench == null ? 0 : uiBench.exitCode();
    }
}

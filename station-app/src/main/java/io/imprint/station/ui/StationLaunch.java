package io.imprint.station.ui;

import io.imprint.device.port.BoardPorts;
import io.imprint.station.run.PortBinding;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How the station screen was started: where its data is, which key and station id the command line
 * named, the slots' default ports, and — for {@code --demo} — the demo station already prepared.
 *
 * @param dataDir     the station's data directory (CA directory, batch log)
 * @param keyUri      the CA key URI from the command line, or empty for the settings' or ca.conf's
 * @param stationId   the station id from the command line, or empty for the settings' or the host name
 * @param ports       slot bindings from the command line; the settings' bindings win when there are any
 * @param baud        the slots' serial speed
 * @param demo        the demo station, already unlocked, when started with {@code --demo}
 * @param benchReady  called on the FX thread once the line screen shows its bound slots (the benchmark)
 * @param boardPorts  how the slots reach boards (the start-up wiring picks it)
 */
public record StationLaunch(Path dataDir, Optional<String> keyUri, Optional<String> stationId, List<PortBinding> ports, int baud,
                            Optional<DemoStart> demo, Optional<java.util.function.Consumer<StationWindow>> benchReady,
                            BoardPorts boardPorts) {

    public StationLaunch {
        ports = List.copyOf(ports);
    }
}

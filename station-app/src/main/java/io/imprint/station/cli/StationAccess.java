package io.imprint.station.cli;

import io.imprint.ca.CaException;
import io.imprint.ca.cli.DataDirs;
import io.imprint.station.run.StationSetup;
import io.imprint.station.store.StoreException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Options that say which station to open: its data directory, CA key and name. {@link StationOptions}
 * adds who is acting; the {@code user} commands name the actor with {@code --as} instead, since there
 * {@code --user} would read as the account being changed.
 *
 * <p>Not thread-safe: picocli fills one instance per command line.
 */
class StationAccess {

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Station data: CA directory ca/ and batch log station.mv.db (default ${DEFAULT-VALUE})")
    Path dataDir = DataDirs.home();

    @Option(names = "--key", paramLabel = "URI", description = "CA key URI (default: the one the key ceremony recorded in ca/ca.conf)")
    String key;

    @Option(names = "--station-id", paramLabel = "ID", description = "This station's name in the audit trail (default: the host name)")
    String stationId = hostName();

    StationSetup open(PrintWriter err) throws CaException, StoreException {
        return StationSetup.open(dataDir, Optional.ofNullable(key), stationId, w -> {
            err.println(w);
            err.flush();
        });
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "station";
        }
    }
}

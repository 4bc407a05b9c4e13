package io.imprint.station.testing;

import io.imprint.ca.ceremony.CaDirectory;
import io.imprint.ca.ceremony.KeyCeremony;
import io.imprint.ca.key.KeyManager;
import io.imprint.ca.key.KeyManagers;
import io.imprint.ca.key.KeyUri;
import io.imprint.ca.profile.CaConfig;
import io.imprint.ca.softhsm.SoftHsm;
import io.imprint.station.batch.Batch;
import io.imprint.station.batch.Strategy;
import io.imprint.station.run.StationSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The data directory a {@link ChildStation} runs on: a SoftHSM token, a CA made by its key ceremony, and
 * one open batch, all made in the test's JVM before the child starts.
 *
 * <p>Stateless and thread-safe (each call works in its own directory).
 */
public final class ChildStationData {

    public static final String PIN = "31415926";

    private ChildStationData() {
    }

    /**
     * Makes the token under {@code dir} and the station's data in {@code data}, with batch {@code batchId}
     * of {@code quantity} boards open; returns the environment the child station needs.
     */
    public static Map<String, String> prepare(Path dir, Path data, String stationId, String batchId, int quantity, Strategy strategy)
            throws Exception {
        Path conf = SoftHsm.use(dir.resolve("softhsm"));
        SoftHsm.initToken(conf, "station", PIN, "27182818");
        Path pin = dir.resolve("pin");
        Files.writeString(pin, PIN + "\n");
        KeyUri uri = KeyUri.parse("pkcs11:token=station?pin-source=file:" + pin);
        try (KeyManager keys = KeyManagers.open(uri, w -> { })) {
            new KeyCeremony(keys, CaConfig.defaults(), new CaDirectory(data.resolve("ca")), Clock.systemUTC()).run(uri.toString());
        }
        // H2 admits one process at a time: the batch is made and opened here, then the file is closed.
        try (StationSetup setup = StationSetup.open(data, Optional.empty(), stationId, w -> { })) {
            setup.batches().create(new Batch(batchId, "Sensor S1", "telemetry", quantity, strategy, "device", null,
                    Batch.CloudAttributes.none(), null, null), "sup");
            setup.batches().open(batchId, "sup");
        }
        return Map.of("SOFTHSM2_CONF", conf.toAbsolutePath().toString());
    }
}

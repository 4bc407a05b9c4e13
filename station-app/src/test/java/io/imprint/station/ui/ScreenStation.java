package io.imprint.station.ui;

import io.imprint.ca.cli.DemoCa;
import io.imprint.station.run.StationSetup;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.wiring.StationWiring;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.testfx.api.FxToolkit;

/**
 * The station a screen test class runs on. The SoftHSM token with the demo CA is the class's, made
 * once (a second token labelled the same in one JVM clashes, and a token and key ceremony take
 * seconds); everything else is each test's own: {@link #fresh} gives the test a data directory with a
 * copy of the CA directory (chain and ca.conf, never keys: those stay in the token) and a new, empty
 * batch log, and runs the test's set-up on it.
 *
 * <p>The new batch log is a copy of one the class made empty, Flyway-migrated, with {@link
 * StationDatabase#open} and closed untouched: the same file a new station makes, without the
 * migrations running again for every test.
 *
 * <p>Not thread-safe: the test thread only.
 */
final class ScreenStation {

    /** The empty, migrated batch log each test's is a copy of. */
    private static final String EMPTY = "empty-batch-log";

    final Path dir;
    final String pin;
    private final String stationId;
    private int tests;
    private Path data;
    private StationWindow window;

    /** What a test's set-up does on its own station before the window opens (accounts, batches, settings). */
    @FunctionalInterface
    interface SetUp {
        void on(StationSetup station) throws Exception;
    }

    private ScreenStation(Path dir, String pin, String stationId) {
        this.dir = dir;
        this.pin = pin;
        this.stationId = stationId;
    }

    /** The class's token and CA under a new temporary directory, its empty batch log, and JavaFX started. */
    static ScreenStation prepare(String prefix, String stationId) throws Exception {
        Path dir = Files.createTempDirectory(prefix);
        DemoCa.prepare(dir, new PrintWriter(Writer.nullWriter()));
        StationDatabase.open(dir.resolve(EMPTY)).close();
        ScreenStation s = new ScreenStation(dir, Files.readString(DemoCa.pinFile(dir)).strip(), stationId);
        FxTesting.start();
        return s;
    }

    /**
     * A new data directory for one test, with its own CA directory and empty batch log, and {@code setUp}
     * run on it through the station's own classes; the station is closed again before this returns, as
     * the window opens its own.
     */
    Path fresh(SetUp setUp) throws Exception {
        data = Files.createDirectory(dir.resolve("test-" + ++tests));
        io.imprint.ca.testing.TestTokens.copyCaDirectory(dir.resolve("ca"), data.resolve("ca"));
        Files.copy(dir.resolve(EMPTY + ".mv.db"), data.resolve("station.mv.db"));
        try (StationSetup s = StationSetup.open(data, Optional.empty(), stationId, pin.toCharArray(), w -> { })) {
            setUp.on(s);
        }
        return data;
    }

    /** The data directory of the running test. */
    Path data() {
        return data;
    }

    /** A station window on the running test's data directory, at its login screen. */
    StationWindow openWindow(Duration wait) throws Exception {
        window = FxTesting.openWindow(new StationLaunch(data, Optional.empty(), Optional.of(stationId), List.of(), 115200, Optional.empty(),
                Optional.empty(), StationWiring.boardPorts()), wait);
        return window;
    }

    /** Closes the running test's window (its line, sync and station) if it opened one. */
    void closeWindow() throws Exception {
        if (window != null) {
            StationWindow w = window;
            window = null;
            FxToolkit.setupStage(st -> w.close());
        }
    }
}

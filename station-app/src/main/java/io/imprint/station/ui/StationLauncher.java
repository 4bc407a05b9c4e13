package io.imprint.station.ui;

import javafx.application.Application;

/**
 * Starts the station screen and returns when its window is closed. A class apart from
 * {@link StationApp}: JavaFX on the class path refuses a main class that extends Application.
 *
 * <p>Call once per process.
 */
public final class StationLauncher {

    private static volatile StationLaunch launch;
    // Held: java.util.logging keeps loggers weakly, and a collected one would forget its level.
    private static final java.util.logging.Logger FX_PLATFORM = java.util.logging.Logger.getLogger("com.sun.javafx.application.PlatformImpl");

    private StationLauncher() {
    }

    public static void run(StationLaunch settings) {
        launch = settings;
        ErrorDialogs.install();
        // ./imprint runs JavaFX from the module path; the tests and an IDE run it from the class path, where it warns.
        FX_PLATFORM.setLevel(java.util.logging.Level.SEVERE);
        Application.launch(StationApp.class);
    }

    static StationLaunch launch() {
        return launch;
    }
}

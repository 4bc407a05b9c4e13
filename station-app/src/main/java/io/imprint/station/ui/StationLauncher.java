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

    private StationLauncher() {
    }

    public static void run(StationLaunch settings) {
        launch = settings;
        ErrorDialogs.install();
        Application.launch(StationApp.class);
    }

    static StationLaunch launch() {
        return launch;
    }
}

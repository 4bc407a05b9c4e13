package io.imprint.station.ui;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The JavaFX application. Started by {@link StationLauncher} (a main class that does not extend
 * Application, so JavaFX runs from the class path); takes its launch settings from there.
 *
 * <p>Created and called by the JavaFX runtime on the FX thread.
 */
public final class StationApp extends Application {

    private StationWindow window;

    @Override
    public void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        window = new StationWindow(new Session(StationLauncher.launch()), 1280, 800);
        stage.setTitle("Imprint — provisioning station");
        stage.setScene(window.scene());
        stage.setMinWidth(1024);
        stage.setMinHeight(700);
        stage.show();
        window.start();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
    }
}

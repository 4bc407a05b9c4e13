package io.imprint.station.ui;

import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the operator sees when something goes wrong that no screen expected: a dialog in plain words,
 * with the technical detail in the log (never a PIN or password: exceptions carry neither).
 *
 * <p>Thread-safe: shows its dialogs on the FX thread.
 */
public final class ErrorDialogs {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorDialogs.class);

    private ErrorDialogs() {
    }

    /** Installs the handler for every thread's uncaught exceptions (the FX thread's included). */
    public static void install() {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            LOG.error("uncaught exception on {}", thread.getName(), e);
            show(e);
        });
    }

    /** Shows {@code e} to the operator; logs it. */
    public static void show(Throwable e) {
        LOG.warn("shown to the operator: {}", e.toString());
        if (!Platform.isFxApplicationThread()) {
            Platform.runLater(() -> show(e));
            return;
        }
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.setTitle("Imprint");
        alert.setHeaderText("Something went wrong");
        Label text = new Label(readable(e));
        text.setWrapText(true);
        text.setMaxWidth(520);
        alert.getDialogPane().setContent(text);
        alert.getDialogPane().getStyleClass().add("error-dialog");
        alert.show();
    }

    /** The message a person can read: the cause's words, not a stack trace. */
    public static String readable(Throwable e) {
        Throwable t = e;
        while ((t.getMessage() == null || t.getMessage().isBlank() || t instanceof IllegalStateException && t.getCause() != null) && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
        return message + "\n\nThe details are in the station's log. If this keeps happening, call a supervisor.";
    }
}

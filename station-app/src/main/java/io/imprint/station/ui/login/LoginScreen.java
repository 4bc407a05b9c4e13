package io.imprint.station.ui.login;

import io.imprint.station.ui.Icons;
import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Who is at the station. A badge scanner types the badge id and Enter into the focused user field,
 * which moves on to the password. While the HSM is locked, the PIN field shows: a supervisor unlocks.
 *
 * <p>FX thread only.
 */
public final class LoginScreen extends StackPane {

    private final TextField user = new TextField();
    private final PasswordField password = new PasswordField();
    private final PasswordField pin = new PasswordField();

    public LoginScreen(LoginModel model, String stationId, List<String> demoAccounts, String prefillUser) {
        getStyleClass().add("login-screen");
        setId("login-screen");
        Label title = new Label("Imprint");
        title.getStyleClass().add("login-title");
        Label station = new Label("Provisioning station " + stationId);
        station.getStyleClass().add("login-subtitle");

        user.setId("login-user");
        user.setPromptText("User name, or scan your badge");
        user.setText(prefillUser);
        user.setOnAction(e -> password.requestFocus());
        password.setId("login-password");
        password.setPromptText("Password");
        pin.setId("login-pin");
        pin.setPromptText("HSM PIN");
        Label pinHint = new Label("The HSM is locked. A supervisor unlocks it: the PIN goes to the HSM and is never stored.");
        pinHint.getStyleClass().add("hint");
        pinHint.setWrapText(true);
        HBox lockRow = new HBox(8, Icons.warning(20), pinHint);
        lockRow.setAlignment(Pos.CENTER_LEFT);
        VBox pinBox = new VBox(6, label("HSM PIN"), pin, lockRow);
        pinBox.setId("login-pin-box");
        pinBox.visibleProperty().bind(model.lockedProperty());
        pinBox.managedProperty().bind(model.lockedProperty());

        Button submit = new Button();
        submit.setId("login-submit");
        submit.getStyleClass().add("accent");
        submit.setMaxWidth(Double.MAX_VALUE);
        submit.textProperty().bind(javafx.beans.binding.Bindings.when(model.lockedProperty()).then("Unlock the station").otherwise("Log in"));
        submit.disableProperty().bind(model.busyProperty());
        submit.setOnAction(e -> submitSecrets(user, password, pin, model::submit));
        password.setOnAction(e -> {
            if (model.lockedProperty().get()) {
                pin.requestFocus();
            } else {
                submit.fire();
            }
        });
        pin.setOnAction(e -> submit.fire());

        Label message = new Label();
        message.setId("login-message");
        message.getStyleClass().add("login-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());

        VBox card = new VBox(10, title, station, label("User name or badge"), user, label("Password"), password, pinBox, submit, message);
        card.getStyleClass().add("login-card");
        card.setMaxSize(440, USE_PREF_SIZE);
        if (!demoAccounts.isEmpty()) {
            VBox demo = new VBox(4);
            demo.getStyleClass().add("demo-accounts");
            demo.setId("demo-accounts");
            Label head = new Label("Demo accounts (demo mode only)");
            head.getStyleClass().add("section-title");
            demo.getChildren().add(head);
            demoAccounts.forEach(a -> demo.getChildren().add(new Label(a)));
            card.getChildren().add(demo);
        }
        setAlignment(Pos.CENTER);
        getChildren().add(card);
        Platform.runLater(() -> (prefillUser.isEmpty() ? user : password).requestFocus());
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("field-label");
        return l;
    }

    /** What a login form submits: the user, the password and the PIN (empty where not asked), both arrays the receiver's to wipe. */
    @FunctionalInterface
    public interface Submit {
        void submit(String user, char[] password, char[] pin);
    }

    /**
     * Hands the secret fields' text over as arrays and clears the fields at once: a refused try starts
     * again from empty fields, and no copy stays in a text control.
     */
    public static void submitSecrets(TextField user, PasswordField password, PasswordField pin, Submit to) {
        char[] pw = password.getText().toCharArray();
        char[] p = pin.getText().toCharArray();
        password.clear();
        pin.clear();
        to.submit(user.getText(), pw, p);
    }
}

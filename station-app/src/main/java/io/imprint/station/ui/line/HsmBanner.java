package io.imprint.station.ui.line;

import io.imprint.station.ui.Icons;
import io.imprint.station.ui.login.LoginScreen;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The red band across the line screen while the HSM is lost: what happened, what to do, and the form
 * a supervisor unlocks it again with, without anyone logging out. Hidden (and taking no room) otherwise.
 *
 * <p>FX thread only.
 */
final class HsmBanner extends VBox {

    HsmBanner(ObservableBooleanValue lost, HsmUnlockModel model) {
        setId("hsm-banner");
        getStyleClass().add("hsm-banner");
        setSpacing(6);
        setPadding(new Insets(8, 12, 8, 12));
        visibleProperty().bind(lost);
        managedProperty().bind(lost);

        Label what = new Label("The HSM is locked or gone: no board can be signed. Reconnect the HSM, then a supervisor unlocks it here.");
        what.getStyleClass().add("hsm-banner-title");
        what.setWrapText(true);
        HBox head = new HBox(8, Icons.warning(24), what);
        head.setAlignment(Pos.CENTER_LEFT);

        TextField user = new TextField();
        user.setId("reunlock-user");
        user.setPromptText("Supervisor");
        PasswordField password = new PasswordField();
        password.setId("reunlock-password");
        password.setPromptText("Password");
        PasswordField pin = new PasswordField();
        pin.setId("reunlock-pin");
        pin.setPromptText("HSM PIN");
        Button submit = new Button("Unlock the HSM");
        submit.setId("reunlock-submit");
        submit.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        submit.getStyleClass().add("accent");
        submit.disableProperty().bind(model.busyProperty());
        submit.setOnAction(e -> LoginScreen.submitSecrets(user, password, pin, model::submit));
        user.setOnAction(e -> password.requestFocus());
        password.setOnAction(e -> pin.requestFocus());
        pin.setOnAction(e -> submit.fire());
        Label message = new Label();
        message.setId("reunlock-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        HBox form = new HBox(8, user, password, pin, submit, message);
        form.setAlignment(Pos.CENTER_LEFT);
        getChildren().setAll(head, form);
    }
}

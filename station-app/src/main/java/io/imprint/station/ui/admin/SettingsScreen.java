package io.imprint.station.ui.admin;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Station settings: slot ↔ port bindings (by USB serial number, USB physical location or path), the
 * CA key URI, the station id, and the certificate profiles (validity, key types, SAN prefix). Read-only
 * for everyone but an admin.
 *
 * <p>FX thread only.
 */
public final class SettingsScreen extends VBox {

    public SettingsScreen(SettingsModel model) {
        getStyleClass().add("settings-screen");
        setId("settings-screen");
        setPadding(new Insets(16));
        setSpacing(10);
        boolean editable = model.editable();
        Label title = new Label(editable ? "Station settings" : "Station settings (read-only: admins change them)");
        title.getStyleClass().add("screen-title");

        TextField stationId = new TextField();
        stationId.setId("settings-station-id");
        stationId.textProperty().bindBidirectional(model.stationIdProperty());
        TextField keyUri = new TextField();
        keyUri.setId("settings-key-uri");
        keyUri.textProperty().bindBidirectional(model.keyUriProperty());
        TextArea bindings = new TextArea();
        bindings.setId("settings-bindings");
        bindings.setPrefRowCount(8);
        bindings.textProperty().bindBidirectional(model.bindingsProperty());
        bindings.getStyleClass().add("mono");
        for (var f : java.util.List.of(stationId, keyUri)) {
            f.setEditable(editable);
        }
        bindings.setEditable(editable);

        ListView<String> ports = new ListView<>(model.ports());
        ports.setPrefHeight(110);
        ports.getStyleClass().add("mono");
        ListView<String> profiles = new ListView<>(model.profiles());
        profiles.setPrefHeight(110);

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints(190);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);
        grid.addRow(0, new Label("Station id"), stationId);
        grid.addRow(1, new Label("CA key URI"), keyUri);
        grid.addRow(2, new Label("Slot bindings\n(one line per slot:\nserial:…, location:1-2.4\nor path:/dev/…)"), bindings);
        grid.addRow(3, new Label("Serial ports seen now"), ports);
        grid.addRow(4, new Label("Certificate profiles\n(from ca.conf)"), profiles);
        grid.addRow(5, new Label("Edit a profile\n(at the next start)"), profileEditor(model, editable));

        Button save = new Button("Save");
        save.setId("settings-save");
        save.getStyleClass().add("accent");
        save.setDisable(!editable);
        save.setOnAction(e -> model.save());
        Label message = new Label();
        message.setId("settings-message");
        message.getStyleClass().add("screen-message");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        getChildren().addAll(title, grid, save, message);
        model.load();
    }

    private static javafx.scene.Node profileEditor(SettingsModel model, boolean editable) {
        javafx.scene.control.ComboBox<String> name = new javafx.scene.control.ComboBox<>(model.profileNames());
        name.setId("settings-profile");
        model.profileNameProperty().addListener((o, was, now) -> name.setValue(now));
        name.setOnAction(e -> {
            if (name.getValue() != null && !name.getValue().equals(model.profileNameProperty().get())) {
                model.selectProfile(name.getValue());
            }
        });
        TextField validity = field("settings-profile-validity", "validity: P7300D, PT5M or forever", model.profileValidityProperty(), editable);
        TextField keyTypes = field("settings-profile-key-types", "key types: p256, p384, rsa", model.profileKeyTypesProperty(), editable);
        TextField san = field("settings-profile-san", "SAN URI prefix (blank: none)", model.profileSanPrefixProperty(), editable);
        Button save = new Button("Save profile");
        save.setId("settings-profile-save");
        save.setDisable(!editable);
        save.setOnAction(e -> model.saveProfile());
        javafx.scene.layout.HBox row = new javafx.scene.layout.HBox(8, name, validity, keyTypes, san, save);
        for (TextField f : java.util.List.of(validity, keyTypes, san)) {
            javafx.scene.layout.HBox.setHgrow(f, Priority.ALWAYS);
        }
        return row;
    }

    private static TextField field(String id, String prompt, javafx.beans.property.StringProperty value, boolean editable) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(value);
        f.setEditable(editable);
        return f;
    }
}

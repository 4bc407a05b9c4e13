package io.imprint.station.ui.accounts;

import io.imprint.station.account.Role;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The admin's accounts: every account and its state (active, locked until, disabled), a form to add one,
 * and for the selected account disable, unlock and a new password. Anyone but an admin sees the list
 * with the controls off.
 *
 * <p>FX thread only.
 */
public final class AccountsScreen extends VBox {

    public AccountsScreen(AccountsModel model) {
        setId("accounts-screen");
        getStyleClass().add("settings-screen");
        setPadding(new Insets(16));
        setSpacing(10);
        boolean editable = model.editable();
        Label title = new Label(editable ? "Accounts" : "Accounts (read-only: admins manage them)");
        title.getStyleClass().add("screen-title");

        TableView<AccountsModel.Row> table = new TableView<>(model.rows());
        table.setId("accounts-table");
        table.getColumns().add(column("User", AccountsModel.Row::username));
        table.getColumns().add(column("Name", AccountsModel.Row::displayName));
        table.getColumns().add(column("Role", AccountsModel.Row::role));
        table.getColumns().add(column("State", AccountsModel.Row::state));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        VBox.setVgrow(table, Priority.ALWAYS);

        TextField username = field("accounts-username", "user name");
        TextField display = field("accounts-display", "display name");
        ComboBox<Role> role = new ComboBox<>();
        role.setId("accounts-role");
        role.getItems().setAll(AccountsModel.roles());
        role.setValue(Role.OPERATOR);
        role.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Role r) {
                return r == null ? "" : r.label();
            }

            @Override
            public Role fromString(String text) {
                return Role.valueOf(text.toUpperCase(java.util.Locale.ROOT));
            }
        });
        TextField badge = field("accounts-badge", "badge (optional)");
        PasswordField password = new PasswordField();
        password.setId("accounts-password");
        password.setPromptText("password");
        Button add = new Button("Add account");
        add.setId("accounts-add");
        add.setOnAction(e -> {
            model.add(username.getText(), display.getText(), role.getValue(), password.getText().toCharArray(), badge.getText());
            password.clear();
        });
        HBox form = new HBox(8, username, display, role, badge, password, add);

        PasswordField newPassword = new PasswordField();
        newPassword.setId("accounts-new-password");
        newPassword.setPromptText("new password");
        Button disable = new Button("Disable");
        disable.setId("accounts-disable");
        disable.setOnAction(e -> model.disable(table.getSelectionModel().getSelectedItem().username()));
        Button unlock = new Button("Unlock");
        unlock.setId("accounts-unlock");
        unlock.setOnAction(e -> model.unlock(table.getSelectionModel().getSelectedItem().username()));
        Button reset = new Button("Set password");
        reset.setId("accounts-reset");
        reset.setOnAction(e -> {
            model.resetPassword(table.getSelectionModel().getSelectedItem().username(), newPassword.getText().toCharArray());
            newPassword.clear();
        });
        var nothingSelected = Bindings.isNull(table.getSelectionModel().selectedItemProperty());
        for (Button b : java.util.List.of(disable, unlock, reset)) {
            b.disableProperty().bind(nothingSelected.or(Bindings.createBooleanBinding(() -> !editable)));
        }
        add.setDisable(!editable);
        form.setDisable(!editable);
        HBox selected = new HBox(8, new Label("Selected account:"), disable, unlock, newPassword, reset);

        Label message = new Label();
        message.setId("accounts-message");
        message.textProperty().bind(model.messageProperty());
        getChildren().addAll(title, table, new Label("Add an account"), form, selected, message);
        model.load();
    }

    private static TableColumn<AccountsModel.Row, String> column(String title, java.util.function.Function<AccountsModel.Row, String> value) {
        TableColumn<AccountsModel.Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return c;
    }

    private static TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        return f;
    }
}

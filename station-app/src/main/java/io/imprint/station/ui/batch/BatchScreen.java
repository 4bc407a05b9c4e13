package io.imprint.station.ui.batch;

import io.imprint.station.account.Permission;
import io.imprint.station.batch.BatchStatus;
import io.imprint.station.batch.Batches;
import io.imprint.station.ui.Session;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The batches: scan a work order's barcode into the focused field (the scanner types it and Enter) or
 * pick one from the list. Operators start an open batch; supervisors also create, open, pause and close
 * batches and authorise a board's re-provisioning.
 *
 * <p>FX thread only.
 */
public final class BatchScreen extends BorderPane {

    private final TextField scan = new TextField();

    public BatchScreen(BatchModel model, Session session, List<String> profiles) {
        getStyleClass().add("batch-screen");
        setId("batch-screen");
        setPadding(new Insets(16));

        Label title = new Label("Batches");
        title.getStyleClass().add("screen-title");
        scan.setId("scan-work-order");
        scan.setPromptText("Scan the work order's barcode (or type it and press Enter)");
        scan.getStyleClass().add("scan-field");
        HBox.setHgrow(scan, Priority.ALWAYS);
        scan.setOnAction(e -> {
            model.scanned(scan.getText());
            scan.clear();
        });
        HBox top = new HBox(16, title, scan);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(0, 0, 12, 0));
        setTop(top);

        TableView<Batches.Progress> table = new TableView<>(model.rows());
        table.setId("batch-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Work order", p -> p.batch().id()));
        table.getColumns().add(column("Product", p -> p.batch().product()));
        table.getColumns().add(column("Strategy", p -> p.batch().strategy().name().toLowerCase(Locale.ROOT).replace('_', '-')));
        table.getColumns().add(column("Profile", p -> p.batch().profile()));
        table.getColumns().add(column("Status", p -> p.batch().status().name().toLowerCase(Locale.ROOT)));
        table.getColumns().add(column("Done", p -> p.provisioned() + " / " + p.batch().quantity()));
        table.getColumns().add(column("Created by", p -> p.batch().createdBy()));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.select(now);
            }
        });
        model.selectedProperty().addListener((o, was, now) -> {
            if (now == null) {
                table.getSelectionModel().clearSelection();
            } else if (table.getSelectionModel().getSelectedItem() != now) {
                table.getSelectionModel().select(now);
            }
        });
        setCenter(table);

        Button start = button("Start on the line", "batch-start", model::start);
        start.getStyleClass().add("accent");
        start.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> model.selectedProperty().get() == null || model.selectedProperty().get().batch().status() != BatchStatus.OPEN,
                model.selectedProperty()));
        Button create = button("New batch…", "batch-new", () -> new NewBatchDialog(profiles).showAndWait().ifPresent(model::create));
        Button open = button("Open", "batch-open", model::open);
        Button pause = button("Pause", "batch-pause", model::pause);
        Button close = button("Close", "batch-close", model::close);
        Button reprovision = button("Authorise re-provisioning…", "batch-reprovision", () -> {
            TextInputDialog d = new TextInputDialog();
            d.setTitle("Authorise re-provisioning");
            d.setHeaderText("Scan or type the board's device id: it may then be provisioned once more.");
            d.showAndWait().filter(s -> !s.isBlank()).ifPresent(model::authoriseReprovisioning);
        });
        boolean supervisor = session.may(Permission.MANAGE_BATCHES);
        for (Button b : List.of(create, open, pause, close)) {
            b.setVisible(supervisor);
            b.setManaged(supervisor);
        }
        reprovision.setVisible(session.may(Permission.AUTHORISE_REPROVISIONING));
        reprovision.setManaged(reprovision.isVisible());
        Label message = new Label();
        message.setId("batch-message");
        message.getStyleClass().add("screen-message");
        message.textProperty().bind(model.messageProperty());
        message.setWrapText(true);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox actions = new HBox(10, start, create, open, pause, close, reprovision, gap);
        actions.setAlignment(Pos.CENTER_LEFT);
        VBox bottom = new VBox(10, actions, message);
        bottom.setPadding(new Insets(12, 0, 0, 0));
        setBottom(bottom);

        model.refresh();
        Platform.runLater(scan::requestFocus);
    }

    private static TableColumn<Batches.Progress, String> column(String title, Function<Batches.Progress, String> value) {
        TableColumn<Batches.Progress, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        return c;
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }
}

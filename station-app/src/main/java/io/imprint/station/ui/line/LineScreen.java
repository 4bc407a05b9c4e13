package io.imprint.station.ui.line;

import io.imprint.station.ui.Icons;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * The screen the operator works at all shift: the batch header, a large tile per slot (eight fit at
 * 1280×800, sixteen on a larger screen), the event log and the audit status. Alerts pop up as
 * notifications and stay in the log.
 *
 * <p>FX thread only.
 */
public final class LineScreen extends BorderPane {

    private final LineModel model;
    private final GridPane grid = new GridPane();

    public LineScreen(LineModel model, HsmUnlockModel hsm, Runnable stop, Runnable verifyAudit) {
        this.model = model;
        getStyleClass().add("line-screen");
        setId("line-screen");
        setTop(new VBox(new BatchHeader(model.header()), new HsmBanner(model.hsmLostProperty(), hsm)));

        grid.getStyleClass().add("tile-grid");
        grid.setHgap(10);
        grid.setVgap(10);
        grid.setPadding(new Insets(10));
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("edge-to-edge");
        setCenter(scroll);
        model.tiles().addListener((ListChangeListener<SlotTileModel>) c -> layoutTiles());
        layoutTiles();

        ListView<EventLog.Entry> log = new ListView<>(model.log().entries());
        log.setId("event-log");
        log.getStyleClass().add("event-log");
        log.setPrefHeight(112);
        log.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(EventLog.Entry item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.toString());
                getStyleClass().remove("warning-entry");
                if (!empty && item != null && item.warning()) {
                    getStyleClass().add("warning-entry");
                }
            }
        });
        Label audit = new Label();
        audit.setId("audit-status");
        audit.getStyleClass().add("audit-status");
        audit.textProperty().bind(model.auditStatusProperty());
        model.auditOkProperty().addListener((o, was, ok) -> audit.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("broken"), !ok));
        Button verify = new Button("Verify audit chain");
        verify.setOnAction(e -> verifyAudit.run());
        Button stopButton = new Button("Stop the line");
        stopButton.setId("stop-line");
        stopButton.setOnAction(e -> stop.run());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Label logTitle = new Label("Event log");
        logTitle.getStyleClass().add("section-title");
        HBox bar = new HBox(10, logTitle, gap, audit, verify, stopButton);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox bottom = new VBox(4, bar, log);
        bottom.setPadding(new Insets(4, 10, 8, 10));
        setBottom(bottom);

        model.alerts().addListener((ListChangeListener<StationAlert>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(this::notify);
            }
        });
    }

    private void notify(StationAlert a) {
        if (getScene() == null || getScene().getWindow() == null || !getScene().getWindow().isShowing()) {
            return;
        }
        Notifications.create().owner(getScene().getWindow()).title(a.title()).text(a.text())
                .graphic(Icons.warning(32)).hideAfter(Duration.seconds(10)).show();
    }

    /** Columns for {@code n} tiles: four across up to eight tiles, then as square a grid as fits. */
    static int columns(int n) {
        if (n <= 4) {
            return Math.max(1, n);
        }
        return n <= 8 ? 4 : n <= 12 ? 6 : 8;
    }

    private void layoutTiles() {
        grid.getChildren().clear();
        grid.getColumnConstraints().clear();
        grid.getRowConstraints().clear();
        int n = model.tiles().size();
        int cols = columns(n);
        int rows = Math.max(1, (n + cols - 1) / cols);
        for (int c = 0; c < cols; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / cols);
            cc.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < rows; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(100.0 / rows);
            rc.setVgrow(Priority.ALWAYS);
            rc.setMinHeight(200);
            grid.getRowConstraints().add(rc);
        }
        for (int i = 0; i < n; i++) {
            SlotTile tile = new SlotTile(model.tiles().get(i));
            tile.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
            grid.add(tile, i % cols, i / cols);
        }
    }

    public LineModel model() {
        return model;
    }
}

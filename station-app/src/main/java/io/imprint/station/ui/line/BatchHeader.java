package io.imprint.station.ui.line;

import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The strip above the tiles: which batch runs, and how far it is.
 *
 * <p>FX thread only.
 */
public final class BatchHeader extends HBox {

    public BatchHeader(BatchHeaderModel model) {
        getStyleClass().add("batch-header");
        setId("batch-header");
        Label wo = new Label();
        wo.getStyleClass().add("header-work-order");
        wo.setId("header-work-order");
        wo.textProperty().bind(model.workOrderProperty());
        Label product = new Label();
        product.getStyleClass().add("header-product");
        product.textProperty().bind(model.productProperty());
        VBox title = new VBox(2, wo, product);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        setSpacing(18);
        setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(title, gap,
                stat("Done", model.doneProperty(), "header-done"),
                stat("Failed", model.failedProperty(), "header-failed"),
                stat("Remaining", model.remainingProperty(), "header-remaining"),
                stat("Yield", model.yieldProperty(), "header-yield"),
                stat("Units / hour", model.rateProperty(), "header-rate"),
                stat("Time to finish", model.etaProperty(), "header-eta"));
    }

    private static VBox stat(String caption, ObservableStringValue value, String id) {
        Label v = new Label();
        v.getStyleClass().add("stat-value");
        v.setId(id);
        v.textProperty().bind(value);
        Label c = new Label(caption);
        c.getStyleClass().add("stat-caption");
        VBox box = new VBox(0, v, c);
        box.getStyleClass().add("stat");
        box.setAlignment(Pos.CENTER_RIGHT);
        return box;
    }
}

package io.imprint.station.ui.batch;

import io.imprint.station.batch.Batch;
import io.imprint.station.batch.Strategy;
import java.util.List;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/**
 * A supervisor's new batch: work order, product, role, quantity, strategy and certificate profile.
 * The batch log checks the values; this dialog only collects them.
 *
 * <p>FX thread only.
 */
final class NewBatchDialog extends Dialog<Batch> {

    NewBatchDialog(List<String> profiles) {
        setTitle("New batch");
        setHeaderText("A work order's worth of boards with one configuration");
        TextField id = new TextField();
        id.setId("new-batch-id");
        id.setPromptText("e.g. WO-2025-0042");
        TextField product = new TextField();
        product.setId("new-batch-product");
        TextField role = new TextField("device");
        Spinner<Integer> quantity = new Spinner<>(1, 1_000_000, 100);
        quantity.setEditable(true);
        quantity.setId("new-batch-quantity");
        ComboBox<Strategy> strategy = new ComboBox<>();
        strategy.getItems().setAll(Strategy.values());
        strategy.getSelectionModel().select(Strategy.KEY_ON_BOARD);
        ComboBox<String> profile = new ComboBox<>();
        profile.getItems().setAll(profiles);
        profile.getSelectionModel().select(profiles.contains("device") ? "device" : profiles.isEmpty() ? null : profiles.getFirst());
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        String[] labels = {"Work order", "Product", "Role", "Quantity", "Strategy", "Profile"};
        javafx.scene.Node[] fields = {id, product, role, quantity, strategy, profile};
        for (int i = 0; i < labels.length; i++) {
            grid.addRow(i, new Label(labels[i]), fields[i]);
        }
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        setResultConverter(b -> b == ButtonType.OK
                ? new Batch(id.getText().strip(), product.getText().strip(), role.getText().strip(), quantity.getValue(), strategy.getValue(),
                        profile.getValue(), null, Batch.CloudAttributes.none(), null, null)
                : null);
    }
}

package io.imprint.station.ui.trace;

import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;

/**
 * Column helpers of the trace screen's tables: plain text, text that wraps inside its column (reasons,
 * step timings, audit details), and an outcome coloured like the line's tiles.
 *
 * <p>FX thread only.
 */
final class TraceTables {

    private TraceTables() {
    }

    /** A column never narrower than {@code width}: a time or an outcome cut to "2026-12-03 16:5…" says nothing. */
    static <R> TableColumn<R, String> column(String title, double width, Function<R, String> value) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        c.setMinWidth(width);
        return c;
    }

    /** A column whose text wraps at the column's width, so nothing an operator needs is cut off with "…". */
    static <R> TableColumn<R, String> wrapping(String title, double width, Function<R, String> value) {
        TableColumn<R, String> c = column(title, width, value);
        c.setMinWidth(width / 2);
        c.setCellFactory(col -> new TableCell<>() {
            private final Text text = new Text();

            {
                text.getStyleClass().add("trace-wrap");
                text.wrappingWidthProperty().bind(col.widthProperty().subtract(12));
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                text.setText(empty || item == null ? "" : item);
                setGraphic(empty ? null : text);
            }
        });
        return c;
    }

    /** PASSED green, FAILED red, anything else (abandoned, unfinished) amber. */
    static <R> TableColumn<R, String> outcome(String title, double width, Function<R, String> value) {
        TableColumn<R, String> c = column(title, width, value);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll("trace-pass", "trace-fail", "trace-other");
                setText(empty ? null : item);
                if (!empty && item != null) {
                    getStyleClass().add(item.startsWith("PASSED") || item.startsWith("ACKNOWLEDGED") ? "trace-pass"
                            : item.startsWith("FAILED") || item.startsWith("REVOKED") ? "trace-fail" : "trace-other");
                }
            }
        });
        return c;
    }

    static <R> TableView<R> table(String id, String placeholder) {
        TableView<R> t = new TableView<>();
        t.setId(id);
        t.getStyleClass().add("trace-table");
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(new javafx.scene.control.Label(placeholder));
        return t;
    }
}

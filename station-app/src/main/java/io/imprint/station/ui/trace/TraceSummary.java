package io.imprint.station.ui.trace;

import io.imprint.station.trace.DeviceTrace;
import io.imprint.station.trace.TraceFormat;
import javafx.scene.control.Label;
import javafx.scene.control.Control;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * The device row at the top of the trace screen: batch, chip, hardware, firmware, when it was first
 * seen and provisioned (its certificates have their own table); a caption over each value, like the batch header.
 *
 * <p>FX thread only.
 */
final class TraceSummary extends FlowPane {

    private final Label batch = value("trace-batch");
    private final Label chip = value("trace-chip");
    private final Label hardware = value("trace-hardware");
    private final Label firstSeen = value("trace-first-seen");
    private final Label provisioned = value("trace-provisioned");

    TraceSummary() {
        super(28, 8);
        getStyleClass().add("trace-summary");
        getChildren().setAll(stat("Batch", batch), stat("Chip uid", chip), stat("Hardware · firmware", hardware),
                stat("First seen", firstSeen), stat("Provisioned", provisioned));
        managedProperty().bind(visibleProperty());
    }

    void show(DeviceTrace t) {
        setVisible(t != null);
        if (t == null) {
            return;
        }
        DeviceTrace.Device d = t.device();
        batch.setText(d.batchId());
        chip.setText(d.chipUid());
        hardware.setText(TraceFormat.orDash(d.hardwareRevision()) + " · " + TraceFormat.orDash(d.firmwareVersion()));
        firstSeen.setText(TraceFormat.time(d.firstSeenAt()));
        provisioned.setText(TraceFormat.time(d.provisionedAt()));
    }

    private static Label value(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("trace-value");
        // Wraps to a second row rather than cutting a batch or a time to "WO-…".
        l.setMinWidth(Control.USE_PREF_SIZE);
        return l;
    }

    private static VBox stat(String caption, Label value) {
        Label c = new Label(caption);
        c.getStyleClass().add("stat-caption");
        return new VBox(2, c, value);
    }
}

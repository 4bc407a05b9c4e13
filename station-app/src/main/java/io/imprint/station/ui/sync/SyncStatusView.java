package io.imprint.station.ui.sync;

import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/**
 * The background sync in the app bar: one line per station ({@code AWS: 12 pending · 1,000 synced ·
 * 0 failed}), coloured by how worried to look, the states and what to do in its tooltip.
 *
 * <p>FX thread only.
 */
public final class SyncStatusView extends Label {

    public SyncStatusView(SyncStatusModel model) {
        setId("sync-status");
        getStyleClass().add("sync-status");
        Tooltip tip = new Tooltip();
        tip.setShowDelay(Duration.millis(200));
        tip.setWrapText(true);
        tip.setMaxWidth(520);
        setTooltip(tip);
        show(model.summaryProperty().get(), tip);
        model.summaryProperty().addListener((o, was, now) -> show(now, tip));
    }

    private void show(SyncSummary s, Tooltip tip) {
        setText(s.text());
        tip.setText(s.detail());
        getStyleClass().removeIf(c -> c.startsWith("sync-level-"));
        getStyleClass().add("sync-level-" + s.level().name().toLowerCase(Locale.ROOT));
    }
}

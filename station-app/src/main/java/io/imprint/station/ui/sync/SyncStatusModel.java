package io.imprint.station.ui.sync;

import io.imprint.station.sync.online.SyncService;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The app bar's view of the background sync. The service tells it from its own thread; the summary is
 * handed to the FX thread, the newest winning (a status every two seconds cannot flood the queue).
 *
 * <p>{@link #accept} and {@link #misconfigured} from any thread; the property on the FX thread only.
 */
public final class SyncStatusModel implements SyncService.Listener {

    private final SimpleObjectProperty<SyncSummary> summary = new SimpleObjectProperty<>(SyncSummary.off());
    private final Executor fx;

    /** @param fx runs on the FX thread ({@code Platform::runLater}; a test's queue) */
    public SyncStatusModel(Executor fx) {
        this.fx = fx;
    }

    public ReadOnlyObjectProperty<SyncSummary> summaryProperty() {
        return summary;
    }

    @Override
    public void changed(List<SyncService.Status> statuses) {
        SyncSummary s = SyncSummary.of(statuses);
        fx.execute(() -> summary.set(s));
    }

    public void misconfigured(String why) {
        SyncSummary s = SyncSummary.misconfigured(why);
        fx.execute(() -> summary.set(s));
    }
}

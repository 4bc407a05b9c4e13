package io.imprint.station.ui.line;

import io.imprint.station.batch.Batch;
import io.imprint.station.run.BatchCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The batch header as text: work order, product, strategy, done / failed / remaining of the quota,
 * yield, units per hour and the estimated time to finish.
 *
 * <p>FX thread only.
 */
public final class BatchHeaderModel {

    private final StringProperty workOrder = new SimpleStringProperty("No batch");
    private final StringProperty product = new SimpleStringProperty("");
    private final StringProperty done = new SimpleStringProperty("0");
    private final StringProperty failed = new SimpleStringProperty("0");
    private final StringProperty remaining = new SimpleStringProperty("0");
    private final StringProperty yield = new SimpleStringProperty("—");
    private final StringProperty rate = new SimpleStringProperty("—");
    private final StringProperty eta = new SimpleStringProperty("—");
    private final Throughput throughput = new Throughput();
    private BatchCounts counts;

    public void batch(Batch batch) {
        workOrder.set(batch.id());
        product.set(batch.product() + "  ·  " + batch.strategy().name().toLowerCase(Locale.ROOT).replace('_', '-') + "  ·  profile " + batch.profile());
        counts(new BatchCounts(batch.id(), batch.quantity(), 0, 0), Instant.now());
    }

    public void counts(BatchCounts now, Instant at) {
        counts = now;
        done.set(now.done() + " / " + now.quantity());
        failed.set(Long.toString(now.failed()));
        remaining.set(Long.toString(now.remaining()));
        yield.set(now.done() + now.failed() == 0 ? "—" : String.format(Locale.ROOT, "%.1f %%", now.yieldPercent()));
        tick(at);
    }

    public void passed(Instant at) {
        throughput.passed(at);
    }

    /** Moves the rate and estimate on (the shared one-second timeline). */
    public void tick(Instant now) {
        rate.set(throughput.perHour(now).map(r -> String.format(Locale.ROOT, "%.0f", r)).orElse("—"));
        if (counts != null && counts.remaining() == 0) {
            eta.set("done");
        } else {
            eta.set(counts == null ? "—" : throughput.timeFor(counts.remaining(), now).map(BatchHeaderModel::format).orElse("—"));
        }
    }

    static String format(Duration d) {
        long m = (d.toSeconds() + 59) / 60;
        return m < 60 ? m + " min" : "%d h %02d min".formatted(m / 60, m % 60);
    }

    public ReadOnlyStringProperty workOrderProperty() {
        return workOrder;
    }

    public ReadOnlyStringProperty productProperty() {
        return product;
    }

    public ReadOnlyStringProperty doneProperty() {
        return done;
    }

    public ReadOnlyStringProperty failedProperty() {
        return failed;
    }

    public ReadOnlyStringProperty remainingProperty() {
        return remaining;
    }

    public ReadOnlyStringProperty yieldProperty() {
        return yield;
    }

    public ReadOnlyStringProperty rateProperty() {
        return rate;
    }

    public ReadOnlyStringProperty etaProperty() {
        return eta;
    }
}

package io.imprint.station.ui.line;

import io.imprint.station.engine.SlotView;
import io.imprint.station.engine.Step;
import io.imprint.station.run.BatchCounts;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The line screen as data: a tile per slot, the batch header, the event log, the alerts raised and
 * the audit chain's status. The engine's views arrive through {@link io.imprint.station.ui.FxSlotObserver}.
 *
 * <p>FX thread only.
 */
public final class LineModel {

    private final Clock clock;
    private final Map<String, SlotTileModel> tiles = new LinkedHashMap<>();
    private final ObservableList<SlotTileModel> tileList = FXCollections.observableArrayList();
    private final ObservableList<SlotTileModel> tilesView = FXCollections.unmodifiableObservableList(tileList);
    private final BatchHeaderModel header = new BatchHeaderModel();
    private final EventLog log = new EventLog();
    private final ObservableList<StationAlert> alerts = FXCollections.observableArrayList();
    private final ObservableList<StationAlert> alertsView = FXCollections.unmodifiableObservableList(alerts);
    private final SimpleStringProperty auditStatus = new SimpleStringProperty("Audit chain: not checked yet");
    private final SimpleBooleanProperty auditOk = new SimpleBooleanProperty(true);
    private final SimpleBooleanProperty hsmLost = new SimpleBooleanProperty();
    private boolean quotaAlerted;

    public LineModel(Clock clock) {
        this.clock = clock;
    }

    /** Lays out one tile per slot, in order; {@code sockets} says where each slot's board plugs in. */
    public void slots(List<String> names, List<String> sockets) {
        tiles.clear();
        List<SlotTileModel> list = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            SlotTileModel t = new SlotTileModel(names.get(i), sockets.get(i));
            tiles.put(names.get(i), t);
            list.add(t);
        }
        tileList.setAll(list);
    }

    public void view(SlotView v) {
        SlotTileModel t = tiles.get(v.slot());
        if (t != null) {
            t.show(v, clock.instant());
        }
    }

    /** Boards that passed or failed: logged, counted for the rate, and their alerts raised. */
    public void finished(List<SlotView> done) {
        Instant now = clock.instant();
        for (SlotView v : done) {
            if (v.step() == Step.PASSED) {
                header.passed(now);
                log.add(new EventLog.Entry(now, v.slot(), "PASS  " + v.deviceId().orElse("?"), false));
            } else {
                var f = v.failure().orElseThrow();
                log.add(new EventLog.Entry(now, v.slot(), "FAIL  " + v.deviceId().orElse("unidentified board") + ": " + f.reason() + " — " + f.nextAction(), true));
                StationAlert.of(v).ifPresent(this::raise);
            }
        }
    }

    public void counts(BatchCounts counts) {
        header.counts(counts, clock.instant());
        if (counts.quotaReached() && !quotaAlerted) {
            quotaAlerted = true;
            alert(StationAlert.quotaReached(counts.batchId(), counts.quantity()));
        }
    }

    /** An HSM lost once is one alert, not one per board that fails until it is back: the band stays up meanwhile. */
    private void raise(StationAlert a) {
        if (a.kind() == StationAlert.Kind.HSM_LOCKED) {
            if (hsmLost.get()) {
                return;
            }
            hsmLost.set(true);
        }
        alert(a);
    }

    /** A supervisor unlocked the HSM again: the band goes, and the log says who. */
    public void hsmBack(String by) {
        hsmLost.set(false);
        note("HSM unlocked again by " + by + ": boards are signed again; put back the boards that failed meanwhile");
    }

    /** Whether the HSM was lost and is not unlocked again yet. */
    public ReadOnlyBooleanProperty hsmLostProperty() {
        return hsmLost;
    }

    public void alert(StationAlert a) {
        alerts.add(a);
        log.add(new EventLog.Entry(clock.instant(), "", a.title() + ": " + a.text(), true));
    }

    /** A line for the log that is not about a board (batch started, slots stopped, …). */
    public void note(String text) {
        log.add(new EventLog.Entry(clock.instant(), "", text, false));
    }

    public void auditStatus(String text, boolean ok) {
        auditStatus.set(text);
        auditOk.set(ok);
    }

    /** The shared one-second timeline: elapsed times, rate and estimate move on. */
    public void tick() {
        Instant now = clock.instant();
        tiles.values().forEach(t -> t.tick(now));
        header.tick(now);
    }

    public ObservableList<SlotTileModel> tiles() {
        return tilesView;
    }

    public BatchHeaderModel header() {
        return header;
    }

    public EventLog log() {
        return log;
    }

    /** Every alert raised, oldest first; the screen shows each as a notification as it arrives. */
    public ObservableList<StationAlert> alerts() {
        return alertsView;
    }

    public ReadOnlyStringProperty auditStatusProperty() {
        return auditStatus;
    }

    public ReadOnlyBooleanProperty auditOkProperty() {
        return auditOk;
    }
}

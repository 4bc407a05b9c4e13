package io.imprint.station.ui.trace;

import io.imprint.station.trace.BoardTraces;
import io.imprint.station.trace.DeviceTrace;
import io.imprint.station.trace.TraceLookup;
import io.imprint.station.ui.Session;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One board's trace as data: the id asked for, the trace once read (in the background, one snapshot of
 * the batch log), or the "no such board" line and the ids it may have meant. Read-only: any logged-in
 * user may look.
 *
 * <p>FX thread only.
 */
public final class TraceModel {

    private final Session session;
    private final ReadOnlyStringWrapper deviceId = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<DeviceTrace> trace = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ObservableList<String> suggestions = FXCollections.observableArrayList();
    private final ObservableList<String> suggestionsView = FXCollections.unmodifiableObservableList(suggestions);

    public TraceModel(Session session) {
        this.session = session;
    }

    /** Looks {@code typed} up; a blank id looks nothing up. */
    public void find(String typed) {
        String id = typed == null ? "" : typed.strip();
        if (id.isEmpty() || session.station().isEmpty()) {
            return;
        }
        BoardTraces traces = new BoardTraces(session.station().get().setup().station().db());
        deviceId.set(id);
        busy.set(true);
        message.set("Reading the batch log for " + id + "…");
        session.background().run(() -> traces.trace(id), (TraceLookup found) -> {
            busy.set(false);
            switch (found) {
                case TraceLookup.Found f -> {
                    trace.set(f.trace());
                    suggestions.clear();
                    message.set("");
                }
                case TraceLookup.NotFound n -> {
                    trace.set(null);
                    suggestions.setAll(n.suggestions());
                    message.set("No board " + n.deviceId() + " in the batch log" + (n.suggestions().isEmpty()
                            ? ". Device ids are case-sensitive: check the label." : ". Did you mean:"));
                }
            }
        }, e -> {
            busy.set(false);
            trace.set(null);
            suggestions.clear();
            message.set("Cannot read the batch log: " + e.getMessage());
        });
    }

    public ReadOnlyStringProperty deviceIdProperty() {
        return deviceId.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DeviceTrace> traceProperty() {
        return trace.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Near matches when the id was not found; a click on one traces it. */
    public ObservableList<String> suggestions() {
        return suggestionsView;
    }

    /** The trace's lists, empty when there is none: what the screen's tables show. */
    static <T> List<T> rows(DeviceTrace t, java.util.function.Function<DeviceTrace, List<T>> list) {
        return t == null ? List.of() : list.apply(t);
    }
}

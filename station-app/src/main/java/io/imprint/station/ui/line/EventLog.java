package io.imprint.station.ui.line;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The last {@value #CAPACITY} things that happened on the line, newest first.
 *
 * <p>FX thread only.
 */
public final class EventLog {

    static final int CAPACITY = 500;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** One line of the log. */
    public record Entry(Instant at, String slot, String text, boolean warning) {
        @Override
        public String toString() {
            return TIME.format(LocalTime.ofInstant(at, ZoneId.systemDefault())) + "   " + (slot.isEmpty() ? "" : SlotTile.title(slot) + "   ") + text;
        }
    }

    private final ObservableList<Entry> entries = FXCollections.observableArrayList();
    private final ObservableList<Entry> readOnly = FXCollections.unmodifiableObservableList(entries);

    public void add(Entry e) {
        entries.addFirst(e);
        if (entries.size() > CAPACITY) {
            entries.remove(CAPACITY, entries.size());
        }
    }

    public ObservableList<Entry> entries() {
        return readOnly;
    }
}

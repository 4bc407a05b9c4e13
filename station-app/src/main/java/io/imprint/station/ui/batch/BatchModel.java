package io.imprint.station.ui.batch;

import io.imprint.station.account.Permission;
import io.imprint.station.batch.Batch;
import io.imprint.station.batch.BatchStatus;
import io.imprint.station.batch.Batches;
import io.imprint.station.ui.ErrorDialogs;
import io.imprint.station.ui.Session;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The batch screen as data: every batch with its progress, the one selected (by a click or a scanned
 * work order), and the supervisor's operations on it. Each operation is a batch-log transaction in the
 * background, recorded in the audit trail as the logged-in user.
 *
 * <p>FX thread only.
 */
public final class BatchModel {

    private final Session session;
    private final Consumer<Batch> startOnLine;
    private final ObservableList<Batches.Progress> rows = FXCollections.observableArrayList();
    private final ObservableList<Batches.Progress> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final SimpleObjectProperty<Batches.Progress> selected = new SimpleObjectProperty<>();
    private final SimpleStringProperty message = new SimpleStringProperty("");

    public BatchModel(Session session, Consumer<Batch> startOnLine) {
        this.session = session;
        this.startOnLine = startOnLine;
    }

    private Batches batches() {
        return session.station().orElseThrow().setup().batches();
    }

    public void refresh() {
        refresh(Optional.empty());
    }

    private void refresh(Optional<String> select) {
        Batches b = batches();
        session.background().run(b::progress, (List<Batches.Progress> list) -> {
            String keep = select.orElse(selected.get() == null ? null : selected.get().batch().id());
            rows.setAll(list);
            selected.set(list.stream().filter(p -> p.batch().id().equals(keep)).findFirst().orElse(null));
        });
    }

    /** A scanned (or typed) work order: selects its batch, and starts it on the line when it is open. */
    public void scanned(String workOrder) {
        String id = workOrder.strip();
        Batches b = batches();
        session.background().run(b::progress, (List<Batches.Progress> list) -> {
            rows.setAll(list);
            Optional<Batches.Progress> found = list.stream().filter(p -> p.batch().id().equalsIgnoreCase(id)).findFirst();
            selected.set(found.orElse(null));
            if (found.isEmpty()) {
                message.set("No batch with work order " + id);
            } else if (found.get().batch().status() == BatchStatus.OPEN && session.may(Permission.RUN_BATCH)) {
                message.set("");
                startOnLine.accept(found.get().batch());
            } else {
                message.set("Batch " + found.get().batch().id() + " is " + found.get().batch().status().name().toLowerCase()
                        + (session.may(Permission.MANAGE_BATCHES) ? ": open it to run it" : ": a supervisor must open it"));
            }
        });
    }

    public void select(Batches.Progress p) {
        selected.set(p);
    }

    public void create(Batch draft) {
        act(Permission.MANAGE_BATCHES, () -> batches().create(draft, session.actor()), "Batch " + draft.id() + " created", Optional.of(draft.id()));
    }

    public void open() {
        withSelected(id -> act(Permission.MANAGE_BATCHES, () -> batches().open(id, session.actor()), "Batch " + id + " opened", Optional.of(id)));
    }

    public void pause() {
        withSelected(id -> act(Permission.MANAGE_BATCHES, () -> batches().pause(id, session.actor()), "Batch " + id + " paused", Optional.of(id)));
    }

    public void close() {
        withSelected(id -> act(Permission.MANAGE_BATCHES, () -> batches().close(id, session.actor()), "Batch " + id + " closed", Optional.of(id)));
    }

    public void authoriseReprovisioning(String deviceId) {
        act(Permission.AUTHORISE_REPROVISIONING, () -> {
            batches().authoriseReprovisioning(deviceId.strip(), session.actor());
            return null;
        }, "Board " + deviceId.strip() + " may be provisioned again", Optional.empty());
    }

    /** Runs the selected batch on the line, if it is open. */
    public void start() {
        Batches.Progress p = selected.get();
        if (p == null) {
            message.set("Select a batch, or scan its work order");
        } else if (!session.may(Permission.RUN_BATCH)) {
            message.set("You may not run batches");
        } else if (p.batch().status() != BatchStatus.OPEN) {
            message.set("Batch " + p.batch().id() + " is " + p.batch().status().name().toLowerCase() + ": only an open batch runs");
        } else {
            startOnLine.accept(p.batch());
        }
    }

    private void withSelected(Consumer<String> action) {
        if (selected.get() == null) {
            message.set("Select a batch first");
        } else {
            action.accept(selected.get().batch().id());
        }
    }

    private void act(Permission needed, java.util.concurrent.Callable<?> work, String done, Optional<String> select) {
        if (!session.may(needed)) {
            message.set("You may not do that: it needs a supervisor");
            return;
        }
        session.background().run(work, r -> {
            message.set(done);
            refresh(select);
        }, e -> message.set(ErrorDialogs.readable(e).lines().findFirst().orElse("Refused")));
    }

    public ObservableList<Batches.Progress> rows() {
        return rowsView;
    }

    public ReadOnlyObjectProperty<Batches.Progress> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }
}

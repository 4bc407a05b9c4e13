package io.imprint.station.ui.line;

import io.imprint.device.family.BoardFamily;
import io.imprint.station.engine.SlotView;
import io.imprint.station.engine.Step;
import java.time.Duration;
import java.time.Instant;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One slot's tile as data: its name and socket, the board on it and its family, its state, and how long the board
 * has been on. Views bind to the read-only properties.
 *
 * <p>FX thread only.
 */
public final class SlotTileModel {

    private final String slot;
    private final StringProperty socket = new SimpleStringProperty("");
    private final StringProperty boardId = new SimpleStringProperty("—");
    private final StringProperty family = new SimpleStringProperty("");
    private final ObjectProperty<TileState> state = new SimpleObjectProperty<>(new TileState.Idle());
    private final StringProperty elapsed = new SimpleStringProperty("");
    private Instant startedAt;
    private Instant finishedAt;

    public SlotTileModel(String slot, String socket) {
        this.slot = slot;
        this.socket.set(socket);
    }

    /** Takes the engine's newest view of this slot. */
    public void show(SlotView view, Instant now) {
        boardId.set(view.deviceId().orElse(view.step() == Step.DETECTED ? "identifying…" : "unidentified"));
        family.set(view.family().map(BoardFamily::label).orElse(""));
        state.set(switch (view.step()) {
            case PASSED -> new TileState.Passed(view.serial().orElse(""));
            case FAILED -> view.failure().map(f -> (TileState) new TileState.Failed(f.reason(), f.nextAction()))
                    .orElse(new TileState.Failed("Unknown failure", "Call a supervisor"));
            default -> new TileState.Working(view.step());
        });
        startedAt = view.startedAt();
        finishedAt = view.step().finished() ? now : null;
        tick(now);
    }

    /** Back to waiting (the board was taken out, or the slots stopped). */
    public void clear() {
        boardId.set("—");
        family.set("");
        state.set(new TileState.Idle());
        startedAt = null;
        finishedAt = null;
        elapsed.set("");
    }

    /** Moves the elapsed time on; the shared one-second timeline calls it. */
    public void tick(Instant now) {
        if (startedAt == null) {
            return;
        }
        Duration took = Duration.between(startedAt, finishedAt != null ? finishedAt : now);
        elapsed.set(format(took));
    }

    static String format(Duration d) {
        // Tenths while short: a board that takes 0.6 s should not read as "0 s".
        if (d.toMillis() < 10_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", Math.max(0, d.toMillis()) / 1000.0);
        }
        long s = d.toSeconds();
        return s < 60 ? s + " s" : "%d:%02d min".formatted(s / 60, s % 60);
    }

    public String slot() {
        return slot;
    }

    public void socket(String text) {
        socket.set(text);
    }

    public ReadOnlyStringProperty socketProperty() {
        return socket;
    }

    public ReadOnlyStringProperty boardIdProperty() {
        return boardId;
    }

    /** The board's family once its driver answered (Imprint, nRF91, Zephyr SMP); empty before. */
    public ReadOnlyStringProperty familyProperty() {
        return family;
    }

    public ReadOnlyObjectProperty<TileState> stateProperty() {
        return state;
    }

    public ReadOnlyStringProperty elapsedProperty() {
        return elapsed;
    }
}

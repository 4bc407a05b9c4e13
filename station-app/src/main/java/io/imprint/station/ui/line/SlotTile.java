package io.imprint.station.ui.line;

import io.imprint.station.ui.Icons;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * One slot's tile on the line screen. The verdict is said three ways: the word (PASS / FAIL), an
 * icon (check / cross) and the colour, so a colour-blind operator or a washed-out screen loses nothing.
 *
 * <p>FX thread only.
 */
public final class SlotTile extends VBox {

    private final SlotTileModel model;
    private final Label status = new Label();
    private final StackPane icon = new StackPane();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label reason = new Label();
    private final Label next = new Label();

    public SlotTile(SlotTileModel model) {
        this.model = model;
        getStyleClass().add("slot-tile");
        setId("tile-" + model.slot());

        Label name = new Label(title(model.slot()));
        name.getStyleClass().add("tile-name");
        Label socket = new Label();
        socket.getStyleClass().add("tile-socket");
        socket.textProperty().bind(model.socketProperty());
        // The end of a port path names the socket; its start is the same on every tile.
        socket.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Label elapsed = new Label();
        elapsed.getStyleClass().add("tile-elapsed");
        elapsed.textProperty().bind(model.elapsedProperty());
        Label family = new Label();
        family.getStyleClass().add("tile-family");
        family.setId("family-" + model.slot());
        family.textProperty().bind(model.familyProperty());
        HBox top = new HBox(8, name, family, gap, elapsed);
        top.setAlignment(Pos.BASELINE_LEFT);

        Label board = new Label();
        board.getStyleClass().add("tile-board");
        board.textProperty().bind(model.boardIdProperty());

        status.getStyleClass().add("tile-status");
        status.setId("status-" + model.slot());
        status.setWrapText(true);
        HBox statusRow = new HBox(10, icon, status);
        statusRow.setAlignment(Pos.CENTER_LEFT);

        progress.setMaxWidth(Double.MAX_VALUE);
        progress.getStyleClass().add("tile-progress");
        reason.getStyleClass().add("tile-reason");
        reason.setWrapText(true);
        reason.setId("reason-" + model.slot());
        next.getStyleClass().add("tile-next");
        next.setWrapText(true);
        // Wrapped labels keep the height their lines need rather than being cut to one.
        for (Label l : java.util.List.of(status, reason, next)) {
            l.setMinHeight(Region.USE_PREF_SIZE);
        }
        Region fill = new Region();
        VBox.setVgrow(fill, Priority.ALWAYS);

        getChildren().addAll(top, socket, board, statusRow, progress, reason, next, fill);
        model.stateProperty().addListener((obs, old, now) -> render(now));
        render(model.stateProperty().get());
    }

    private void render(TileState state) {
        getStyleClass().removeAll("idle", "working", "pass", "fail");
        status.setText(state.status());
        Node glyph = switch (state) {
            case TileState.Idle i -> Icons.plug(34);
            case TileState.Working w -> Icons.hourglass(34);
            case TileState.Passed p -> Icons.check(40);
            case TileState.Failed f -> Icons.cross(40);
        };
        icon.getChildren().setAll(glyph);
        getStyleClass().add(switch (state) {
            case TileState.Idle i -> "idle";
            case TileState.Working w -> "working";
            case TileState.Passed p -> "pass";
            case TileState.Failed f -> "fail";
        });
        boolean working = state instanceof TileState.Working;
        progress.setVisible(working);
        progress.setManaged(working);
        if (state instanceof TileState.Working w) {
            progress.setProgress(w.progress());
        }
        switch (state) {
            case TileState.Failed f -> {
                reason.setText(f.reason());
                next.setText("Next: " + f.nextAction());
            }
            case TileState.Passed p -> {
                reason.setText("Provisioned" + (p.serial().isEmpty() ? "" : ", certificate " + shortSerial(p.serial())));
                next.setText("Next: take the board out");
            }
            default -> {
                reason.setText("");
                next.setText("");
            }
        }
    }

    private static String shortSerial(String serial) {
        return serial.length() > 12 ? serial.substring(0, 12) + "…" : serial;
    }

    /** {@code slot-3} reads as {@code Slot 3}. */
    static String title(String slot) {
        return slot.startsWith("slot-") ? "Slot " + slot.substring(5) : slot;
    }

    public Label statusLabel() {
        return status;
    }

    public SlotTileModel model() {
        return model;
    }
}

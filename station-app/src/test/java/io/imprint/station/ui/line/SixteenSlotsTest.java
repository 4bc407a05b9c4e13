package io.imprint.station.ui.line;

import static io.imprint.station.ui.FxTesting.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.station.engine.Step;
import io.imprint.station.ui.FxTesting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** Sixteen slots on a 1920×1080 screen: all visible without scrolling, status text still at least 24 px. */
class SixteenSlotsTest {

    @Test
    void sixteenTilesFitAt1920x1080() throws Exception {
        FxTesting.start();
        LineModel model = fx(() -> new LineModel(Clock.systemUTC()));
        Scene[] scene = new Scene[1];
        FxToolkit.setupStage(stage -> {
            List<String> names = new ArrayList<>();
            List<String> sockets = new ArrayList<>();
            for (int i = 1; i <= 16; i++) {
                names.add("slot-" + i);
                sockets.add("/dev/serial/by-path/fixture-socket-" + i);
            }
            model.slots(names, sockets);
            for (int i = 1; i <= 16; i += 3) {
                model.view(LineScreenTest.view("slot-" + i, Step.PASSED, Optional.of("SIM-00000000" + (10 + i)), null, Instant.now()));
            }
            model.tick();
            scene[0] = new Scene(new LineScreen(model, LineScreenTest.refusingUnlock(), () -> { }, () -> { }), 1920, 1080);
            scene[0].getStylesheets().add(io.imprint.station.ui.StationWindow.class.getResource("station.css").toExternalForm());
            stage.setScene(scene[0]);
            stage.show();
        });
        List<Bounds> tiles = fx(() -> {
            scene[0].getRoot().applyCss();
            scene[0].getRoot().layout();
            return scene[0].getRoot().lookupAll(".slot-tile").stream().map(n -> n.localToScene(n.getBoundsInLocal())).toList();
        });
        assertThat(tiles).hasSize(16).allSatisfy(b -> {
            assertThat(b.getMinX()).isGreaterThanOrEqualTo(0);
            assertThat(b.getMaxX()).isLessThanOrEqualTo(1920);
            assertThat(b.getMinY()).isGreaterThanOrEqualTo(0);
            assertThat(b.getMaxY()).isLessThanOrEqualTo(1080);
            assertThat(b.getWidth()).isGreaterThan(200);
        });
        List<Double> sizes = fx(() -> scene[0].getRoot().lookupAll(".tile-status").stream().map(n -> ((Label) n).getFont().getSize()).toList());
        assertThat(sizes).hasSize(16).allSatisfy(s -> assertThat(s).isGreaterThanOrEqualTo(24.0));
        Path png = FxTesting.screenshot(scene[0], "line-1920x1080-16-slots");
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }
}

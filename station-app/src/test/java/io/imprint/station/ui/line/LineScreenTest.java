package io.imprint.station.ui.line;

import static io.imprint.station.ui.FxTesting.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.station.batch.Batch;
import io.imprint.station.batch.BatchStatus;
import io.imprint.station.batch.Strategy;
import io.imprint.station.engine.SlotView;
import io.imprint.station.engine.Step;
import io.imprint.station.run.BatchCounts;
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
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** The line screen at 1280×800 with eight slots in every state: fit, type size, words and icons, a screenshot. */
class LineScreenTest {

    static Scene scene;
    static LineModel model;

    @BeforeAll
    static void show() throws Exception {
        FxTesting.start();
        model = fx(() -> new LineModel(Clock.systemUTC()));
        FxToolkit.setupStage(stage -> {
            List<String> names = new ArrayList<>();
            List<String> sockets = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                names.add("slot-" + i);
                sockets.add("/dev/serial/by-path/fixture-socket-" + i);
            }
            model.slots(names, sockets);
            model.header().batch(new Batch("WO-2025-0042", "Sensor S1 rev C", "telemetry", 200, Strategy.KEY_ON_BOARD, "device",
                    BatchStatus.OPEN, Batch.CloudAttributes.none(), "sup", Instant.now()));
            Instant now = Instant.now();
            for (int i = 0; i < 12; i++) {
                model.header().passed(now.minusSeconds(60 - i * 5L));
            }
            model.counts(new BatchCounts("WO-2025-0042", 200, 137, 4));
            model.view(view("slot-2", Step.DETECTED, Optional.empty(), null, now.minusSeconds(1)));
            model.view(view("slot-3", Step.KEY_CSR, Optional.of("SIM-3F9A1C0B72"), null, now.minusSeconds(3)));
            model.view(view("slot-4", Step.INSTALLED, Optional.of("SIM-88D0E1A4C5"), null, now.minusSeconds(5)));
            model.view(view("slot-5", Step.PASSED, Optional.of("SIM-1B2C3D4E5F"), null, now.minusSeconds(7)));
            model.view(view("slot-6", Step.PASSED, Optional.of("SIM-A0B1C2D3E4"), null, now.minusSeconds(6)));
            SlotView fail = view("slot-7", Step.FAILED, Optional.of("SIM-77E6D5C4B3"),
                    new SlotView.Failure("Board made a faulty key request", "Set the board aside for repair"), now.minusSeconds(4));
            model.view(fail);
            model.view(view("slot-8", Step.SIGNED, Optional.of("SIM-0C1D2E3F40"), null, now.minusSeconds(2)));
            model.finished(List.of(view("slot-5", Step.PASSED, Optional.of("SIM-1B2C3D4E5F"), null, now), fail));
            model.auditStatus("Audit chain OK (1 412 events)", true);
            model.tick();
            LineScreen screen = new LineScreen(model, LineScreenTest.refusingUnlock(), () -> { }, () -> { });
            scene = new Scene(screen, 1280, 800);
            scene.getStylesheets().add(io.imprint.station.ui.StationWindow.class.getResource("station.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
        });
    }

    static SlotView view(String slot, Step step, Optional<String> device, SlotView.Failure failure, Instant started) {
        return new SlotView(slot, "/dev/ttyUSB0", step, device, step == Step.PASSED ? Optional.of("4f1a2b3c4d5e6f708192a3b4c5d6e7f8") : Optional.empty(),
                Optional.ofNullable(failure), started);
    }

    @Test
    void eightTilesFitAt1280x800WithoutScrollingAndTheirStatusIsAtLeast24Px() throws Exception {
        List<Bounds> tiles = fx(() -> scene.getRoot().lookupAll(".slot-tile").stream().map(n -> n.localToScene(n.getBoundsInLocal())).toList());
        assertThat(tiles).hasSize(8);
        assertThat(tiles).allSatisfy(b -> {
            assertThat(b.getMinX()).isGreaterThanOrEqualTo(0);
            assertThat(b.getMaxX()).isLessThanOrEqualTo(1280);
            assertThat(b.getMinY()).isGreaterThanOrEqualTo(0);
            assertThat(b.getMaxY()).isLessThanOrEqualTo(800);
            assertThat(b.getHeight()).isGreaterThan(180);
        });
        List<Double> sizes = fx(() -> scene.getRoot().lookupAll(".tile-status").stream().map(n -> ((Label) n).getFont().getSize()).toList());
        assertThat(sizes).hasSize(8).allSatisfy(s -> assertThat(s).isGreaterThanOrEqualTo(24.0));
        Path png = FxTesting.screenshot(scene, "line-1280x800-8-slots");
        assertThat(Files.size(png)).isGreaterThan(10_000);
    }

    @Test
    void passAndFailAreSaidInWordsAndIconsNotOnlyColour() {
        assertThat(fx(() -> status("slot-5"))).isEqualTo("PASS");
        assertThat(fx(() -> scene.lookup("#tile-slot-5").lookup(".icon-pass"))).isNotNull();
        assertThat(fx(() -> status("slot-7"))).isEqualTo("FAIL");
        assertThat(fx(() -> scene.lookup("#tile-slot-7").lookup(".icon-fail"))).isNotNull();
        assertThat(fx(() -> ((Label) scene.lookup("#reason-slot-7")).getText())).isEqualTo("Board made a faulty key request");
        assertThat(fx(() -> status("slot-1"))).isEqualTo("Waiting for a board");
        assertThat(fx(() -> status("slot-3"))).isEqualTo("Making key");
        assertThat(fx(() -> ((Label) scene.lookup("#header-done")).getText())).isEqualTo("137 / 200");
        assertThat(fx(() -> ((Label) scene.lookup("#header-remaining")).getText())).isEqualTo("63");
        assertThat(fx(() -> ((Label) scene.lookup("#header-yield")).getText())).isEqualTo("97.2 %");
        assertThat(fx(() -> ((Label) scene.lookup("#header-rate")).getText())).isNotEqualTo("—");
    }

    @Test
    void sixteenSlotsFitOnALargerScreen() {
        int cols = LineScreen.columns(16);
        assertThat(cols * 240).isLessThanOrEqualTo(1920);
        assertThat((16 + cols - 1) / cols * 200 + 260).isLessThanOrEqualTo(1080);
    }

    private static String status(String slot) {
        return ((Label) scene.lookup("#status-" + slot)).getText();
    }

    /** The unlock form of a screen without an HSM behind it: any try is refused. */
    static HsmUnlockModel refusingUnlock() {
        return new HsmUnlockModel((user, password, pin) -> {
            throw new IllegalStateException("no HSM in this test");
        }, new io.imprint.station.ui.Background(), who -> { });
    }
}

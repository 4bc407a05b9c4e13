package io.imprint.station.ui.line;

import io.imprint.station.wiring.StationWiring;
import static io.imprint.station.ui.FxTesting.fx;
import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.sim.BoardFarm;
import io.imprint.device.sim.BoardProfile;
import io.imprint.device.sim.FaultMode;
import io.imprint.station.batch.Batch;
import io.imprint.station.batch.Strategy;
import io.imprint.station.engine.EngineFixture;
import io.imprint.station.label.Labels;
import io.imprint.station.run.PortBinding;
import io.imprint.station.ui.Background;
import io.imprint.station.ui.FxTesting;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The line screen's controller on real parts with the batch's label printer off: the tile shows PASS,
 * the operator gets a "Label not printed" alert and the event log keeps it.
 */
class LabelAlertTest {

    @Test
    void aPrinterThatIsOffRaisesAnAlertAndTheBoardStillPasses() throws Exception {
        FxTesting.start();
        try (EngineFixture f = new EngineFixture(Files.createTempDirectory("label-line"));
             BoardFarm farm = new BoardFarm(f.dir.resolve("boards"), 1, BoardProfile.keygen(EngineFixture.BAUD, Duration.ofMillis(5)), FaultMode.NONE);
             Background background = new Background()) {
            Batch batch = f.openBatch("WO-LINE", 3, Strategy.KEY_ON_BOARD, "device");
            int closed;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closed = s.getLocalPort();
            }
            new Labels(f.db, f.station.audit(), Clock.systemUTC()).set("WO-LINE", "tcp://127.0.0.1:" + closed, Optional.empty(), Optional.empty(), "sup");
            LineModel model = fx(() -> new LineModel(Clock.systemUTC()));
            LineController controller = fx(() -> new LineController(f.station, StationWiring.boardPorts(), background, model, f.dir));
            try {
                LineController.Plan plan = LineController.plan(f.station, List.of(PortBinding.parse(farm.socketLink(0).toString())));
                fx(() -> {
                    controller.start(batch, "op", plan, EngineFixture.BAUD);
                    return null;
                });
                FxTesting.waitUntil(Duration.ofSeconds(60), "a label alert", () -> !model.alerts().isEmpty());

                String device = farm.flash(0).deviceId();
                StationAlert alert = fx(() -> model.alerts().getFirst());
                assertThat(alert.kind()).isEqualTo(StationAlert.Kind.LABEL_NOT_PRINTED);
                assertThat(alert.title()).isEqualTo("Label not printed: " + device);
                assertThat(alert.text()).startsWith("Label printer tcp://127.0.0.1:" + closed + " is not answering (connection refused)")
                        .endsWith("reprint with imprint label print --batch WO-LINE --device " + device);
                assertThat(fx(() -> model.tiles().getFirst().stateProperty().get().status())).isEqualTo("PASS");
                assertThat(fx(() -> model.log().entries().stream().map(EventLog.Entry::text).toList()))
                        .anyMatch(t -> t.equals("PASS  " + device))
                        .anyMatch(t -> t.startsWith("Label not printed: " + device + ": Label printer tcp://127.0.0.1:" + closed));
            } finally {
                fx(() -> {
                    controller.stop();
                    return null;
                });
                controller.close();
            }
        }
    }
}

package io.imprint.station.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.port.BoardPorts;
import io.imprint.station.batch.Strategy;
import io.imprint.station.engine.EngineFixture;
import io.imprint.station.engine.SlotObserver;
import io.imprint.station.engine.SlotView;
import io.imprint.station.engine.Step;
import io.imprint.station.wiring.StationWiring;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * A vendor-class USB board speaking the Imprint protocol, in a slot bound to it as a technician binds it
 * (by physical location or serial number), provisioned by the real station. Runs only where a board is
 * plugged in and named: {@code IMPRINT_USB_BOARDS=1915:520f} (its vendor:product id) and
 * {@code IMPRINT_USB_SLOT=location:1-2.4} (or {@code serial:…}). Skipped everywhere else, CI included.
 */
@EnabledIf("boardPresent")
class UsbSlotHardwareTest {

    static boolean boardPresent() {
        String slot = System.getenv("IMPRINT_USB_SLOT");
        if (slot == null || slot.isBlank() || System.getenv(StationWiring.USB_BOARDS_ENV) == null) {
            return false;
        }
        try (BoardPorts ports = StationWiring.boardPorts()) {
            return PortBinding.parse(slot).locate(ports).filter(p -> p.path().startsWith("usb:")).isPresent();
        }
    }

    @Test
    void aUsbBoardBoundByItsSocketIsProvisioned() throws Exception {
        try (EngineFixture f = new EngineFixture(Files.createTempDirectory("usb-slot"));
             BoardPorts ports = StationWiring.boardPorts()) {
            f.openBatch("WO-USB", 1, Strategy.KEY_ON_BOARD, "device");
            BlockingQueue<SlotView> finished = new LinkedBlockingQueue<>();
            SlotRunner slot = new SlotRunner(f.station, ports, "slot-1", PortBinding.parse(System.getenv("IMPRINT_USB_SLOT")), "WO-USB", "op",
                    EngineFixture.BAUD, SlotObserver.NONE, finished::add);
            Thread thread = Thread.ofPlatform().name("slot-1").start(slot);
            try {
                SlotView view = finished.poll(120, TimeUnit.SECONDS);
                assertThat(view).as("the board finished in 120 s").isNotNull();
                assertThat(view.step()).as(view.failure().toString()).isEqualTo(Step.PASSED);
            } finally {
                slot.stop();
                thread.join(Duration.ofSeconds(30));
            }
        }
    }
}

package io.imprint.device.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.device.nrf91.Nrf91Fixture;
import io.imprint.device.session.BoardException;
import io.imprint.device.sim.BoardFarm;
import io.imprint.device.sim.BoardProfile;
import io.imprint.device.sim.FaultMode;
import io.imprint.device.sim.SimulatorFarm;
import io.imprint.device.smp.SmpFixture;
import io.imprint.device.smp.SmpOptions;
import io.imprint.device.serial.JSerialCommPort;
import io.imprint.device.serial.SerialSettings;
import io.imprint.device.pty.PtyPair;
import io.imprint.device.transport.PortIdentity;
import io.imprint.device.transport.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Probing a slot's board over real ptys: each family's simulator is found by its own probe, after the
 * probes before it have sent it their bytes; a line with nothing on it is none of them.
 */
class BoardsProbeTest {

    private static final io.imprint.device.session.LinkTiming QUICK = io.imprint.device.session.LinkTiming.standard(115200);

    @Test
    void eachFamilyIsFoundAfterTheProbesBeforeIt() throws Exception {
        Path dir = Files.createTempDirectory("probe");
        try (BoardFarm imprint = new BoardFarm(dir.resolve("imprint"), 1, BoardProfile.keygen(115200, Duration.ofMillis(5)), FaultMode.NONE);
             SimulatorFarm<?> nrf = new SimulatorFarm<>(dir.resolve("nrf"), 1, new Nrf91Fixture());
             SimulatorFarm<?> smp = new SimulatorFarm<>(dir.resolve("smp"), 1, new SmpFixture(SmpOptions.defaults()))) {
            assertThat(Boards.probe(serial(imprint.portPath(0)), QUICK)).isEqualTo(BoardFamily.IMPRINT);
            assertThat(Boards.probe(serial(nrf.portPath(0)), QUICK)).isEqualTo(BoardFamily.NRF91);
            assertThat(Boards.probe(serial(smp.portPath(0)), QUICK)).isEqualTo(BoardFamily.SMP);
            // Probed once, each board still works with its family's driver on a fresh port.
            try (Board board = Boards.open(BoardFamily.SMP, serial(smp.portPath(0)).get(), io.imprint.device.session.LinkTiming.standard(115200),
                    FamilySettings.probing())) {
                assertThat(board.identify().deviceId()).startsWith("ZEP-");
            }
        }
    }

    @Test
    void aSilentLineIsNoFamilyAndSaysSo() throws Exception {
        try (PtyPair silent = PtyPair.open()) {
            silent.master().open();
            assertThatThrownBy(() -> Boards.probe(serial(silent.slavePath()), QUICK))
                    .isInstanceOfSatisfying(BoardException.class, e -> {
                        assertThat(e.reason()).isEqualTo(BoardException.Reason.UNSUPPORTED);
                        assertThat(e.advice().orElseThrow().problem()).isEqualTo("The board answers none of the known protocols (Imprint, nRF91 AT, Zephyr SMP)");
                    });
        }
    }

    private static Supplier<Transport> serial(String path) {
        return () -> new JSerialCommPort(PortIdentity.ofPath(path), SerialSettings.of(115200));
    }
}

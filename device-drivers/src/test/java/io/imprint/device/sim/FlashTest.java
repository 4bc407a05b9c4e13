package io.imprint.device.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.protocol.BoardState;
import io.imprint.device.protocol.CredentialKind;
import io.imprint.device.session.BoardSession;
import io.imprint.device.session.LinkTiming;
import io.imprint.device.serial.JSerialCommPort;
import io.imprint.device.serial.SerialSettings;
import io.imprint.device.transport.PortIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A board's flash on file survives the object; a RAM flash (benchmarks) keeps state and writes nothing. */
class FlashTest {

    @TempDir
    Path dir;

    @Test
    void aFileFlashIsTheSameBoardWhenOpenedAgain() {
        Flash flash = Flash.open(dir.resolve("a.flash"), "SIM-FILE-1");
        flash.key(new byte[] {1, 2, 3}, BoardState.KEY_READY);
        flash.commit(Map.of(CredentialKind.DEVICE_CERT, new byte[] {9}));

        Flash again = Flash.open(dir.resolve("a.flash"), "ignored");
        assertThat(again.deviceId()).isEqualTo("SIM-FILE-1");
        assertThat(again.state()).isEqualTo(BoardState.COMMITTED);
        assertThat(again.key()).hasValueSatisfying(k -> assertThat(k).containsExactly(1, 2, 3));
        assertThat(again.credentials().get(CredentialKind.DEVICE_CERT)).containsExactly(9);
    }

    @Test
    void aRamFlashKeepsItsStateButNeverWritesAFile() {
        Flash flash = Flash.inMemory(dir.resolve("b.flash"), "SIM-RAM-1");
        flash.key(new byte[] {4}, BoardState.KEY_READY);
        flash.state(BoardState.LOCKED);
        assertThat(flash.deviceId()).isEqualTo("SIM-RAM-1");
        assertThat(flash.state()).isEqualTo(BoardState.LOCKED);
        assertThat(Files.exists(dir.resolve("b.flash"))).isFalse();
    }

    @Test
    void aFarmWithRamFlashProvisionsAndKeepsTheBoardAcrossAReplug() throws Exception {
        try (BoardFarm farm = new BoardFarm(dir.resolve("farm"), 1, BoardProfile.keygen(0, Duration.ZERO), FaultMode.NONE, true)) {
            String id = farm.flash(0).deviceId();
            try (BoardSession session = BoardSession.open(new JSerialCommPort(PortIdentity.ofPath(farm.portPath(0)), SerialSettings.of(115200)),
                    LinkTiming.standard(115200))) {
                assertThat(session.identify().deviceId()).isEqualTo(id);
                session.generateKeyAndCsr(id, io.imprint.device.protocol.KeyType.EC_P256);
            }
            farm.replug(0, false);
            assertThat(farm.flash(0).deviceId()).isEqualTo(id);
            assertThat(farm.flash(0).state()).isNotEqualTo(BoardState.BLANK);
            try (var files = Files.list(dir.resolve("farm"))) {
                assertThat(files.filter(p -> p.toString().endsWith(".flash"))).isEmpty();
            }
        }
    }
}

package io.imprint.device.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.imprint.device.protocol.ErrorCode;
import io.imprint.device.sim.BoardFarm;
import io.imprint.device.sim.BoardProfile;
import io.imprint.device.sim.FaultMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** Every way a virtual board misbehaves ends in a typed error, and the board can be provisioned afterwards. */
class FaultModesTest {

    static final Map<FaultMode, BoardException.Reason> EXPECTED = Map.of(
            FaultMode.DROP_BYTES, BoardException.Reason.TIMEOUT,
            FaultMode.CORRUPT_CRC, BoardException.Reason.TIMEOUT,
            FaultMode.STALL, BoardException.Reason.TIMEOUT,
            FaultMode.UNPLUG_MID_WRITE, BoardException.Reason.DISCONNECTED,
            FaultMode.WRONG_SUBJECT_CSR, BoardException.Reason.BAD_CSR,
            FaultMode.BAD_SIGNATURE_CSR, BoardException.Reason.BAD_CSR,
            FaultMode.REFUSE_COMMIT, BoardException.Reason.BOARD_ERROR);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = FaultMode.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void aFaultEndsInATypedErrorAndTheBoardIsProvisionedOnTheNextTry(FaultMode fault) throws Exception {
        TestCa ca = new TestCa();
        try (BoardFarm farm = new BoardFarm(dir, 1, BoardProfile.keygen(ProvisioningOverPtyTest.BAUD, Duration.ofMillis(20)), fault)) {
            String deviceId = farm.flash(0).deviceId();
            // Key generation takes 20 ms here: a one-second allowance keeps a stalled board's four tries short.
            LinkTiming quick = new LinkTiming(ProvisioningOverPtyTest.BAUD, Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofSeconds(1), 3);
            BoardException e = catchThrowableOfType(BoardException.class, () -> ProvisioningOverPtyTest.provision(farm.portPath(0), ca, quick));
            assertThat(e).as(fault.name()).isNotNull();
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(EXPECTED.get(fault));
            assertThat(e.getMessage()).startsWith(farm.portPath(0) + ": ");
            if (fault == FaultMode.REFUSE_COMMIT) {
                assertThat(e.boardError()).contains(ErrorCode.STORAGE_FAILED);
            }

            farm.fault(FaultMode.NONE);
            String port = farm.replug(0, false);
            assertThat(ProvisioningOverPtyTest.provision(port, ca).getSubjectX500Principal().getName()).isEqualTo("CN=" + deviceId);
        }
    }
}

package io.imprint.station.cli;

import static io.imprint.station.testing.Cli.imprint;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.ca.testing.TestTokens;
import io.imprint.device.sim.BoardFarm;
import io.imprint.device.sim.BoardProfile;
import io.imprint.device.sim.FaultMode;
import io.imprint.station.testing.Cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless station as a supervisor and an operator use it: ca init, batch create/open, run, devices, audit verify. */
class StationCliTest {

    @TempDir
    Path dir;

    Run station(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dir.toString(), "--station-id", "line-3", "--user", "alice"));
        return imprint(all);
    }

    @Test
    void aSupervisorOpensABatchAndTheHeadlessStationProvisionsItsBoards() throws Exception {
        TestTokens.stationCa(dir, "line-3");

        Run create = station("batch", "create", "--id", "WO-7", "--product", "Sensor S1", "--role", "telemetry", "--quantity", "10",
                "--thing-group", "sensors", "--attribute", "line=3");
        assertThat(create.exit()).as(create.err()).isZero();
        assertThat(create.out()).contains("created batch WO-7: 10 x Sensor S1 (telemetry), KEY_ON_BOARD, profile device");
        assertThat(station("batch", "open", "WO-7").exit()).isZero();
        Run again = station("batch", "open", "WO-7");
        assertThat(again.exit()).isEqualTo(3);
        assertThat(again.err()).isEqualTo("refused: batch WO-7 is open and cannot be opened\n");

        try (BoardFarm farm = new BoardFarm(dir.resolve("boards"), 4, BoardProfile.keygen(115200, Duration.ofMillis(5)), FaultMode.NONE)) {
            String ports = String.join(",", List.of(farm.socketLink(0).toString(), farm.socketLink(1).toString(),
                    farm.socketLink(2).toString(), farm.socketLink(3).toString()));
            Run run = station("run", "--batch", "WO-7", "--ports", ports, "--boards", "4");
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out().lines().filter(l -> l.contains(" PASS "))).hasSize(4);
            assertThat(run.out()).contains("4 board(s) passed");
            for (int i = 0; i < 4; i++) {
                assertThat(run.out()).contains(farm.flash(i).deviceId());
            }
        }
        Run devices = station("devices", "--batch", "WO-7");
        assertThat(devices.out().lines().filter(l -> l.startsWith("SIM-") && l.contains(" PROVISIONED "))).hasSize(4);
        Run list = station("batch", "list");
        assertThat(list.out()).contains("WO-7").contains("4/10");
        assertThat(station("batch", "close", "WO-7").exit()).isZero();
        Run verify = imprint(List.of("audit", "verify", "--db", dir.resolve("station").toString()));
        assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
    }
}

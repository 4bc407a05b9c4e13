package io.imprint.station.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.ca.testing.TestTokens;
import io.imprint.device.sim.BoardFarm;
import io.imprint.device.sim.BoardProfile;
import io.imprint.device.sim.FaultMode;
import io.imprint.station.testing.Cli;
import io.imprint.station.testing.Cli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imprint report} as a QA supervisor types it, on a station that provisioned boards over ptys: outputs, refusals, exit codes. */
class ReportCliTest {

    @TempDir
    Path dir;

    Run station(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dir.toString(), "--station-id", "line-5", "--user", "sam"));
        return Cli.imprint(all);
    }

    Run report(String... args) {
        List<String> all = new ArrayList<>(List.of("report", "--data-dir", dir.toString(), "--user", "qa-lee"));
        all.addAll(List.of(args));
        return Cli.imprint(all);
    }

    @Test
    void writesEachFormatAndRefusesWhatItCannotDo() throws Exception {
        TestTokens.stationCa(dir, "line-5");
        assertThat(station("batch", "create", "--id", "WO-9", "--product", "Sensor S1", "--role", "telemetry", "--quantity", "5").exit()).isZero();
        assertThat(station("batch", "open", "WO-9").exit()).isZero();
        try (BoardFarm farm = new BoardFarm(dir.resolve("boards"), 2, BoardProfile.keygen(0, Duration.ZERO), FaultMode.NONE)) {
            Run run = station("run", "--batch", "WO-9", "--ports", farm.socketLink(0) + "," + farm.socketLink(1), "--boards", "2");
            assertThat(run.exit()).as(run.err()).isZero();
        }

        Run csv = report("--batch", "WO-9", "--out", dir.resolve("out/wo-9.csv").toString());
        assertThat(csv.exit()).as(csv.err()).isZero();
        assertThat(csv.out()).startsWith("report of batch WO-9: 2 device(s), CSV written to " + dir.resolve("out/wo-9.csv"));
        assertThat(Files.readAllLines(dir.resolve("out/wo-9.csv"))).hasSize(3);
        Run pdf = report("--batch", "WO-9", "--format", "pdf", "--out", dir.resolve("out/wo-9.report").toString());
        assertThat(pdf.exit()).as(pdf.err()).isZero();
        assertThat(Files.readString(dir.resolve("out/wo-9.report"), java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("%PDF-");
        Run json = report("--batch", "WO-9", "--out", dir.resolve("out/wo-9.json").toString());
        assertThat(json.exit()).isZero();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("out/wo-9.json").toFile()).at("/header/generatedBy").asText())
                .isEqualTo("qa-lee");

        Run unknown = report("--batch", "WO-404", "--out", dir.resolve("out/none.pdf").toString());
        assertThat(unknown.exit()).isEqualTo(3);
        assertThat(unknown.err()).isEqualTo("refused: no batch WO-404 in the batch log\n");
        assertThat(dir.resolve("out/none.pdf")).doesNotExist();
        try (var left = Files.list(dir.resolve("out"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("wo-9.csv", "wo-9.report", "wo-9.json");
        }

        Run noFormat = report("--batch", "WO-9", "--out", dir.resolve("out/wo-9.txt").toString());
        assertThat(noFormat.exit()).isEqualTo(2);
        assertThat(noFormat.err()).contains("say --format pdf|csv|json, or end --out with .pdf, .csv or .json");
        Run badFormat = report("--batch", "WO-9", "--format", "xlsx", "--out", dir.resolve("out/wo-9.xlsx").toString());
        assertThat(badFormat.exit()).isEqualTo(2);
        assertThat(badFormat.err()).contains("--format must be pdf, csv or json, not 'xlsx'");

        Run noStation = Cli.imprint(List.of("report", "--data-dir", dir.resolve("elsewhere").toString(), "--batch", "WO-9",
                "--out", dir.resolve("x.pdf").toString()));
        assertThat(noStation.exit()).isEqualTo(1);
        assertThat(noStation.err()).isEqualTo("error: no batch log at " + dir.resolve("elsewhere/station.mv.db") + " (wrong --data-dir?)\n");
        assertThat(dir.resolve("elsewhere")).doesNotExist();
    }
}

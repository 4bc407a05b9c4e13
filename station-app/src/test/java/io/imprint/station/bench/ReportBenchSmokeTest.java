package io.imprint.station.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.station.cli.ImprintCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seconds-long run of {@code imprint bench-report} on a small seeded batch log, so the benchmark cannot
 * rot between the runs that measure. Asserts what it reports on, never how fast.
 */
class ReportBenchSmokeTest {

    @TempDir
    Path dir;

    @Test
    void seedsTheBatchAndReportsItInEveryFormat() {
        StringWriter out = new StringWriter();
        var cli = ImprintCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        int exit = cli.execute("bench-report", "--devices", "240", "--runs", "1", "--keep", dir.resolve("bench").toString());
        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("seeded 240 devices and ", "audit verification alone")
                .containsPattern("PDF  240 devices: best [0-9.]+ s")
                .containsPattern("CSV  240 devices: best [0-9.]+ s")
                .containsPattern("JSON 240 devices: best [0-9.]+ s");
        // A second run reuses the seeded batch log instead of seeding again.
        StringWriter again = new StringWriter();
        cli.setOut(new PrintWriter(again, true));
        assertThat(cli.execute("bench-report", "--devices", "240", "--runs", "1", "--formats", "CSV", "--keep", dir.resolve("bench").toString())).isZero();
        assertThat(again.toString()).doesNotContain("seeded").containsPattern("CSV  240 devices");
    }
}

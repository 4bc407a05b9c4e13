package io.imprint.station.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.station.testing.Cli;
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
        Cli.Run first = Cli.imprint("bench-report", "--devices", "240", "--runs", "1", "--keep", dir.resolve("bench").toString());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("seeded 240 devices and ", "audit verification alone")
                .containsPattern("PDF  240 devices: best [0-9.]+ s")
                .containsPattern("CSV  240 devices: best [0-9.]+ s")
                .containsPattern("JSON 240 devices: best [0-9.]+ s");
        // A second run reuses the seeded batch log instead of seeding again; formats are named as the help names them.
        Cli.Run again = Cli.imprint("bench-report", "--devices", "240", "--runs", "1", "--formats", "csv", "--keep", dir.resolve("bench").toString());
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.out()).doesNotContain("seeded").containsPattern("CSV  240 devices");
    }
}

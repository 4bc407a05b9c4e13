package io.imprint.station.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.station.testing.Cli;
import org.junit.jupiter.api.Test;

/**
 * Seconds-long runs of {@code imprint bench-sync} and {@code imprint bench-export}, so the benchmarks
 * cannot rot between the runs that measure. They assert what is reported on, never how fast.
 */
class SyncBenchSmokeTest {

    @Test
    void syncBenchDrainsEveryBoardAndReportsTheMeasuredRate() {
        Cli.Run run = Cli.imprint("bench-sync", "--devices", "30", "--rate", "200", "--per-call", "10", "--latency-ms", "1");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("30 boards synced in 3 calls of up to 10")
                .containsPattern("configured 200.00 boards/s, measured [0-9.]+ boards/s \\([+-][0-9.]+ %\\)");
    }

    @Test
    void exportBenchWritesAndVerifiesEveryTarget() {
        Cli.Run run = Cli.imprint("bench-export", "--devices", "50");
        assertThat(run.exit()).as(run.err()).isZero();
        for (String target : new String[] {"aws", "azure", "nrfcloud", "manifest", "csv"}) {
            assertThat(run.out()).containsPattern("(?m)^" + target + " +50 boards: [0-9.]+ s, .*verify [0-9.]+ s \\(ok\\)$");
        }
    }
}

package io.imprint.station.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seconds-long run of the station benchmark, so it cannot rot between the runs that measure: real
 * SoftHSM, H2 file and virtual boards on ptys, both kinds of phase. Asserts what it counts, never how fast.
 */
class StationBenchSmokeTest {

    @TempDir
    Path dir;

    @Test
    void bothPhasesProvisionEveryBoardAndAccountForTheirTime() throws Exception {
        try (StationBench bench = StationBench.open(dir, 2)) {
            StationBench.Result fast = bench.run(new StationBench.Phase(3, 0, Duration.ZERO));
            StationBench.Result paced = bench.run(new StationBench.Phase(1, 115200, Duration.ofMillis(20)));

            assertThat(fast.devices()).isEqualTo(6);
            assertThat(fast.stationMicros()).hasSize(6);
            assertThat(fast.devicesPerSecond()).isPositive();
            assertThat(fast.overhead()).isBetween(0.0, 1.0);
            assertThat(fast.commits().works()).as("three durable transactions per board").isGreaterThanOrEqualTo(18);
            assertThat(fast.commits().commits()).isBetween(1L, fast.commits().works());
            assertThat(fast.cpu().processNanos()).isGreaterThanOrEqualTo(fast.cpu().boardNanos() + fast.cpu().slotNanos());
            assertThat(fast.cpu().jitShare()).isBetween(0.0, 1.0);

            assertThat(paced.devices()).isEqualTo(2);
            assertThat(paced.overhead()).as("paced boards keep the slots waiting on the link").isLessThan(fast.overhead());
            assertThat(paced.overheadOfBoardTime()).as("against the boards' time alone").isGreaterThan(paced.overhead())
                    .isCloseTo(paced.overhead() / (1 - paced.overhead()), org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void compilerCpuIsReadFromProc() {
        // A JVM that has run this far has compiled something: its compiler threads have used CPU.
        assertThat(CompilerCpu.nanos()).isPositive();
    }
}

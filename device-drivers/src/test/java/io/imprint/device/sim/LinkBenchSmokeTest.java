package io.imprint.device.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A seconds-long run of the link benchmark so it cannot rot; its numbers are judged in docs/PERFORMANCE.md, not here. */
class LinkBenchSmokeTest {

    @TempDir
    Path dir;

    @Test
    void theBenchmarkProvisionsABoardAndReportsWireAndTime() throws Exception {
        LinkBench.Result r = LinkBench.run(dir, 2, 115200, Duration.ofMillis(10), 1);
        assertThat(r.sessions()).hasSize(2);
        assertThat(r.wireOverPayload()).isGreaterThan(1.0);
        assertThat(r.efficiency()).isPositive();
        assertThat(LinkBenchCommand.table(r)).contains("of link-limited throughput");
    }

    @Test
    void theFamilyComparisonProvisionsOneBoardOfEachFamily() throws Exception {
        var rows = FamilyLinkBench.run(dir, 115200, 1);
        assertThat(rows).extracting(FamilyLinkBench.Row::what).hasSize(4).anyMatch(w -> w.startsWith("nRF91")).anyMatch(w -> w.startsWith("Zephyr SMP"));
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.overhead()).isGreaterThan(1.0);
            assertThat(r.linkMinimumMs()).isPositive();
        });
        assertThat(FamilyLinkBench.table(rows, 115200)).contains("| Zephyr SMP, key injected |");
    }
}

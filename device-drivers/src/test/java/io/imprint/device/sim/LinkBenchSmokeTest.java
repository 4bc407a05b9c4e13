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
}

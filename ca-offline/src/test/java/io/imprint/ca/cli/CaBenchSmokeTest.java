package io.imprint.ca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.ca.bench.CaBench;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A seconds-long run of the benchmark, so it cannot rot; the numbers themselves are not judged here. */
class CaBenchSmokeTest {

    @TempDir
    Path dir;

    @Test
    void theBenchmarkRunsAllThreePathsAndPrintsRatios() throws Exception {
        CaBench.Result r = CaBench.run(new CaBench.Settings(dir, 0.3, 2, 3, 8));
        assertThat(r.rawSignaturesPerSecond()).isPositive();
        assertThat(r.certificatesPerSecond()).isPositive();
        assertThat(r.opensslPerSecond()).as(r.opensslNote()).isPositive();
        assertThat(CaBenchCommand.table(r)).contains("full / ceiling = ").contains("full / openssl loop = ");
    }
}

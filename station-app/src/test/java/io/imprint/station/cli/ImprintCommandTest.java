package io.imprint.station.cli;

import static io.imprint.station.testing.Cli.imprint;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.station.testing.Cli.Run;
import org.junit.jupiter.api.Test;

class ImprintCommandTest {

    @Test
    void theEntryPointListsTheCaCommands() {
        Run help = imprint("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Usage: imprint").contains("ca ");
        Run ca = imprint("ca", "--help");
        assertThat(ca.exit()).isZero();
        assertThat(ca.out()).contains("init").contains("issue").contains("revoke").contains("crl").contains("show").contains("demo").contains("bench");
    }

    @Test
    void aUsageMistakeIsExitTwoWithAReadableLine() {
        Run run = imprint("ca", "issue", "--profile", "device");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required options");
        Run quota = imprint("ca", "issue", "--profile", "device", "--device-id", "SN-1", "--csr", "x", "--out", "y", "--quota", "5");
        assertThat(quota.exit()).isEqualTo(2);
        assertThat(quota.err()).contains("--quota needs --batch");
    }

    @Test
    void aBenchNeedingMorePtysThanTheKernelHasIsRefusedBeforeAnythingStarts() throws Exception {
        long ptyMax;
        try (var in = new java.io.FileInputStream("/proc/sys/kernel/pty/max")) {
            ptyMax = Long.parseLong(new String(in.readAllBytes()).strip());
        }
        String boards = Long.toString(ptyMax / 8 + 1);
        Run run = imprint("bench-station", "--slots", "8", "--boards", boards);
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("8 slots x " + boards + " boards need " + 8 * (ptyMax / 8 + 1) + " pseudo-terminals at once")
                .contains("kernel.pty.max " + ptyMax).contains("use fewer --boards");
    }

    @Test
    void aBenchWithNoSlotsIsAUsageMistake() {
        Run run = imprint("bench-station", "--slots", "0");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--slots and --baud must be at least 1");
    }
}

package io.imprint.device.sim;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint devsim bench}: provisioning over virtual serial links against the link's limit. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Provision virtual boards over ptys at a baud rate; compare bytes on the wire with payload, and time with the link's theoretical minimum.")
final class LinkBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--boards", defaultValue = "8", description = "Boards at once (default ${DEFAULT-VALUE})")
    int boards;

    @Option(names = "--baud", defaultValue = "115200", description = "Link speed (default ${DEFAULT-VALUE})")
    int baud;

    @Option(names = "--keygen-ms", defaultValue = "150", description = "On-board key generation time (default ${DEFAULT-VALUE} ms)")
    long keygenMs;

    @Option(names = "--rounds", defaultValue = "3", description = "Boards provisioned per socket (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--families", description = "Compare the board families' link efficiency (Imprint, nRF91 AT, Zephyr SMP), one board at a time")
    boolean families;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (families) {
            out.print(FamilyLinkBench.table(FamilyLinkBench.run(Files.createTempDirectory("imprint-familybench"), baud, rounds), baud));
            out.flush();
            return 0;
        }
        for (int n : boards == 1 ? new int[] {1} : new int[] {1, boards}) {
            LinkBench.Result r = LinkBench.run(Files.createTempDirectory("imprint-linkbench"), n, baud, Duration.ofMillis(keygenMs), rounds);
            out.println(table(r));
            out.flush();
        }
        return 0;
    }

    static String table(LinkBench.Result r) {
        var s = r.sessions();
        double wire = s.stream().mapToLong(LinkBench.Session::wireBytes).average().orElse(0);
        double payload = s.stream().mapToLong(LinkBench.Session::payloadBytes).average().orElse(0);
        double actual = s.stream().mapToLong(x -> x.actual().toMillis()).average().orElse(0);
        double theory = s.stream().mapToLong(x -> x.theoretical().toMillis()).average().orElse(0);
        int retries = s.stream().mapToInt(LinkBench.Session::retries).sum();
        return String.format("%d board(s) at %d baud, keygen %d ms, %d sessions: per board %.0f bytes on the wire for %.0f payload bytes (%.2fx), "
                        + "%.0f ms against a %.0f ms link minimum -> %.1f%% of link-limited throughput; %d retries",
                r.boards(), r.baud(), r.keygen().toMillis(), s.size(), wire, payload, r.wireOverPayload(), actual, theory, 100 * r.efficiency(), retries);
    }
}

package io.imprint.device.sim;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code imprint devsim}: virtual boards on pseudo-terminals, for the demo and for trying the station
 * without hardware. Prints each board's port path, then takes commands on standard input:
 * {@code replug N} (same board, new tty), {@code new N} (a fresh board in socket N), {@code fault MODE},
 * {@code quit}. Without standard input it runs until killed.
 */
@Command(name = "devsim", mixinStandardHelpOptions = true,
        description = "Start virtual boards on pseudo-terminals and print their port paths.",
        subcommands = LinkBenchCommand.class)
public final class DevsimCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--boards", defaultValue = "4", description = "How many boards (default ${DEFAULT-VALUE})")
    int boards;

    @Option(names = "--baud", defaultValue = "115200", description = "UART speed the boards are paced to (default ${DEFAULT-VALUE})")
    int baud;

    @Option(names = "--keygen-ms", defaultValue = "150", description = "On-board key generation time (default ${DEFAULT-VALUE} ms)")
    long keygenMs;

    @Option(names = "--fault", defaultValue = "none",
            description = "none, drop-bytes, corrupt-crc, stall, unplug-mid-write, wrong-subject-csr, bad-signature-csr, refuse-commit")
    String fault;

    @Option(names = "--injection", description = "Boards that cannot make keys and take an injected one")
    boolean injection;

    @Option(names = "--dir", description = "Where the boards' flash files live (default ${DEFAULT-VALUE})")
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "imprint-devsim");

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        BoardProfile profile = injection ? BoardProfile.injection(baud) : BoardProfile.keygen(baud, Duration.ofMillis(keygenMs));
        try (BoardFarm farm = new BoardFarm(dir, boards, profile, FaultMode.parse(fault))) {
            for (int i = 0; i < farm.size(); i++) {
                out.printf("board %d  %s -> %s  %s%n", i + 1, farm.socketLink(i), farm.portPath(i), farm.flash(i).deviceId());
            }
            out.printf("%d virtual boards at %d baud; commands: replug N, new N, fault MODE, quit%n", farm.size(), baud);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] words = line.trim().split("\\s+");
                try {
                    switch (words[0]) {
                        case "quit", "exit" -> {
                            return 0;
                        }
                        case "replug", "new" -> {
                            int socket = Integer.parseInt(words[1]) - 1;
                            String tty = farm.replug(socket, words[0].equals("new"));
                            out.printf("board %d  %s -> %s  %s%n", socket + 1, farm.socketLink(socket), tty, farm.flash(socket).deviceId());
                        }
                        case "fault" -> farm.fault(FaultMode.parse(words[1]));
                        case "" -> { }
                        default -> out.println("commands: replug N, new N, fault MODE, quit");
                    }
                } catch (RuntimeException e) {
                    out.println("? " + e.getMessage());
                }
                out.flush();
            }
            Thread.currentThread().join();
            return 0;
        }
    }
}

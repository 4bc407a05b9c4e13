package io.imprint.device.sim;

import io.imprint.device.family.BoardFamily;
import io.imprint.device.nrf91.Nrf91Fixture;
import io.imprint.device.smp.SmpFixture;
import io.imprint.device.smp.SmpOptions;
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
 * {@code quit}. Without standard input it runs until killed. {@code --family nrf91|smp} simulates a Nordic
 * nRF91 modem or a Zephyr MCUmgr SMP board instead.
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

    @Option(names = "--family", defaultValue = "imprint",
            description = "imprint (the Imprint protocol), nrf91 (a Nordic nRF91 modem, AT commands) or smp (a Zephyr board, MCUmgr SMP); default ${DEFAULT-VALUE}")
    String family;

    @Option(names = "--dir", description = "Where the boards' flash files live (default ${DEFAULT-VALUE})")
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "imprint-devsim");

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        BoardFamily chosen = BoardFamily.named(family).orElseThrow(() -> new picocli.CommandLine.ParameterException(spec.commandLine(),
                "unknown family '" + family + "': imprint, nrf91 or smp"));
        return switch (chosen) {
            case IMPRINT -> imprint(out);
            case NRF91 -> others(out, new SimulatorFarm<>(dir, boards, new Nrf91Fixture()), i -> "nRF91 modem " + ((Nrf91Fixture.SimulatedModem) i).deviceId());
            case SMP -> others(out, new SimulatorFarm<>(dir, boards, new SmpFixture(SmpOptions.defaults())),
                    i -> "Zephyr SMP board " + ((SmpFixture.SimulatedBoard) i).deviceId());
        };
    }

    /** What the command loop does with a fixture: re-plug a socket, describe a board, set a fault mode if it has them. */
    private interface Fixture {
        int size();

        Path socketLink(int i);

        String portPath(int i);

        String describe(int i);

        String replug(int i, boolean fresh) throws Exception;

        /** False for families without fault modes. */
        boolean fault(String mode);
    }

    /** nRF91 or SMP boards: the same socket links and re-plug commands, no fault modes (those are the Imprint boards'). */
    private <B> int others(PrintWriter out, SimulatorFarm<B> farm, java.util.function.Function<Object, String> describe) throws Exception {
        try (farm) {
            return serve(out, new Fixture() {
                public int size() {
                    return farm.size();
                }

                public Path socketLink(int i) {
                    return farm.socketLink(i);
                }

                public String portPath(int i) {
                    return farm.portPath(i);
                }

                public String describe(int i) {
                    return describe.apply(farm.board(i));
                }

                public String replug(int i, boolean fresh) throws Exception {
                    return farm.replug(i, fresh);
                }

                public boolean fault(String mode) {
                    return false;
                }
            }, farm.size() + " simulated boards (" + family + "); commands: replug N, new N, quit");
        }
    }

    private int imprint(PrintWriter out) throws Exception {
        BoardProfile profile = injection ? BoardProfile.injection(baud) : BoardProfile.keygen(baud, Duration.ofMillis(keygenMs));
        try (BoardFarm farm = new BoardFarm(dir, boards, profile, FaultMode.parse(fault))) {
            return serve(out, new Fixture() {
                public int size() {
                    return farm.size();
                }

                public Path socketLink(int i) {
                    return farm.socketLink(i);
                }

                public String portPath(int i) {
                    return farm.portPath(i);
                }

                public String describe(int i) {
                    return farm.flash(i).deviceId();
                }

                public String replug(int i, boolean fresh) throws Exception {
                    return farm.replug(i, fresh);
                }

                public boolean fault(String mode) {
                    farm.fault(FaultMode.parse(mode));
                    return true;
                }
            }, farm.size() + " virtual boards at " + baud + " baud; commands: replug N, new N, fault MODE, quit");
        }
    }

    /** Prints the boards, then takes commands on standard input until quit (or, without input, until killed). */
    private static int serve(PrintWriter out, Fixture farm, String usage) throws Exception {
        for (int i = 0; i < farm.size(); i++) {
            out.printf("board %d  %s -> %s  %s%n", i + 1, farm.socketLink(i), farm.portPath(i), farm.describe(i));
        }
        out.println(usage);
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
                        out.printf("board %d  %s -> %s  %s%n", socket + 1, farm.socketLink(socket), tty, farm.describe(socket));
                    }
                    case "" -> { }
                    default -> {
                        if (!(words[0].equals("fault") && words.length > 1 && farm.fault(words[1]))) {
                            out.println(usage.substring(usage.indexOf("commands:")));
                        }
                    }
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

package io.imprint.station.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code imprint bench-station}: devices per second and the station's share of each board's time. */
@Command(name = "bench-station", mixinStandardHelpOptions = true,
        description = "Benchmark the whole station on a throwaway token, H2 file and virtual boards: zero-latency boards for throughput, then boards at a baud rate for the station's share of their time.")
public final class StationBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--slots", defaultValue = "8", description = "Slots at once (default ${DEFAULT-VALUE})")
    int slots;

    @Option(names = "--boards", defaultValue = "0",
            description = "Boards per slot in each zero-latency phase (default: 3,200 boards in all, over the slots)")
    int boards;

    /** Boards per phase by default: phases of 1,600 varied by ±15 % between runs, 3,200 by a few %. */
    static final int DEFAULT_PHASE_BOARDS = 3200;

    @Option(names = "--baud", defaultValue = "115200", description = "Baud rate of the second run (default ${DEFAULT-VALUE})")
    int baud;

    @Option(names = "--keygen-ms", defaultValue = "150", description = "Key generation time of the second run's boards (default ${DEFAULT-VALUE} ms)")
    long keygenMs;

    @Option(names = "--max-warmups", defaultValue = "10", description = "Most warm-up phases before the measured one (default ${DEFAULT-VALUE})")
    int maxWarmups;

    /** Warm-up ends once the JIT compiler threads use less than this share of the process's CPU in a phase. */
    static final double SETTLED_JIT_SHARE = 0.05;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (slots < 1 || boards < 0 || maxWarmups < 0 || baud < 1 || keygenMs < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--slots and --baud must be at least 1; --boards, --max-warmups and --keygen-ms cannot be negative");
        }
        if (boards == 0) {
            boards = Math.max(2, DEFAULT_PHASE_BOARDS / slots);
        }
        checkPtyRoom();
        java.nio.file.Path dir = Files.createTempDirectory("imprint-bench-station");
        StationBench.Result fast;
        StationBench.Result real;
        try (StationBench bench = StationBench.open(dir, slots)) {
            // Warm-up phases, not reported as results, until the JIT has settled: a station runs for a shift,
            // so its steady state is what counts. On two cores C2 was still compiling through a measured phase
            // that followed a single warm-up as long as itself (a third of the process's CPU), like a JMH
            // benchmark stopped in its warm-up iterations.
            boolean settled = false;
            for (int w = 1; w <= maxWarmups && !settled; w++) {
                StationBench.Result warm = bench.run(new StationBench.Phase(Math.max(2, boards), 0, Duration.ZERO));
                double jitShare = warm.cpu().jitShare();
                settled = jitShare < SETTLED_JIT_SHARE;
                out.printf("warm-up %d: %.0f devices/s, JIT compilers %.0f%% of the process's CPU (%.1f s after the JVM started)%n",
                        w, warm.devicesPerSecond(), 100 * jitShare, java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
                out.flush();
            }
            if (!settled) {
                out.printf("note: the JIT had not settled after %d warm-up(s); the measured phase still pays for compiling%n", maxWarmups);
            }
            fast = bench.run(new StationBench.Phase(boards, 0, Duration.ZERO));
            real = bench.run(new StationBench.Phase(Math.max(1, boards / 5), baud, Duration.ofMillis(keygenMs)));
        } finally {
            deleteTree(dir);
        }
        out.println(line("zero-latency boards", fast));
        out.println(line(baud + " baud, keygen " + keygenMs + " ms", real));
        out.printf("zero-latency CPU per device: station %.2f ms (slot threads %.2f, batch log writer %.2f, JIT compiling %.2f, GC pauses %.2f, the rest other threads and the kernel), virtual boards %.2f ms; i.e. %.0f devices/s if the station had the machine's %d cores to itself; batch log: %.1f transactions per durable commit%n",
                fast.stationCpuMillisPerDevice(), fast.cpu().slotNanos() / 1e6 / fast.devices(), fast.cpu().writerNanos() / 1e6 / fast.devices(),
                fast.cpu().jitNanos() / 1e6 / fast.devices(), (double) fast.cpu().gcMillis() / fast.devices(),
                fast.cpu().boardNanos() / 1e6 / fast.devices(),
                Runtime.getRuntime().availableProcessors() * 1000 / fast.stationCpuMillisPerDevice(), Runtime.getRuntime().availableProcessors(),
                (double) fast.commits().works() / Math.max(1, fast.commits().commits()));
        out.printf("goals: >= 500 devices/s with durable commits: %s; station overhead < 5%% of board time at %d slots: %s%n",
                fast.devicesPerSecond() >= 500 ? "met" : "NOT met", real.slots(), real.overheadOfBoardTime() < 0.05 ? "met" : "NOT met");
        return 0;
    }

    /** Every board of a phase is plugged in at once, each on a pty of its own: say so before the kernel runs out. */
    private void checkPtyRoom() {
        long phaseBoards = (long) slots * boards;
        try {
            long max = Long.parseLong(ProcFiles.read(java.nio.file.Path.of("/proc/sys/kernel/pty/max")).strip());
            long used = Long.parseLong(ProcFiles.read(java.nio.file.Path.of("/proc/sys/kernel/pty/nr")).strip());
            if (phaseBoards > max - used) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), String.format(
                        "%d slots x %d boards need %d pseudo-terminals at once, but the kernel has %d free (kernel.pty.max %d): use fewer --boards",
                        slots, boards, phaseBoards, max - used, max));
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // Not Linux, or /proc not readable: the farm reports the failing pty itself.
        }
    }

    private static void deleteTree(java.nio.file.Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (java.nio.file.Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static String line(String what, StationBench.Result r) {
        return String.format("%-28s %d slots, %d devices in %.2f s = %.0f devices/s; station time per device p50 %.2f ms, p99 %.2f ms; station share of slot time %.1f%% (%.1f%% of the boards' time)",
                what, r.slots(), r.devices(), r.seconds(), r.devicesPerSecond(), r.percentile(0.5) / 1000.0, r.percentile(0.99) / 1000.0, 100 * r.overhead(),
                100 * r.overheadOfBoardTime());
    }
}

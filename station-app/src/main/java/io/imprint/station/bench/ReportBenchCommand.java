package io.imprint.station.bench;

import io.imprint.station.audit.AuditVerifier;
import io.imprint.station.report.ReportFormat;
import io.imprint.station.report.Reports;
import io.imprint.station.store.StationDatabase;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code imprint bench-report}: seeds a throwaway batch log with one large batch, then times its report in
 * each format, with the heap in use sampled while each runs. Not thread-safe (one per command line).
 */
@Command(name = "bench-report", mixinStandardHelpOptions = true,
        description = "Benchmark batch reports: seed a throwaway H2 batch log with one batch of --devices devices, then time PDF, CSV and JSON reports of it.")
public final class ReportBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--devices", defaultValue = "100000", description = "Devices in the batch seeded (default ${DEFAULT-VALUE}; ignored when --keep reuses one)")
    int devices;

    @Option(names = "--runs", defaultValue = "3", description = "Timed runs per format, after one warm-up (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--formats", split = ",", paramLabel = "pdf,csv,json", description = "Formats to time (default: all)")
    List<io.imprint.station.report.ReportFormat> formats = List.of(io.imprint.station.report.ReportFormat.values());

    @Option(names = "--keep", paramLabel = "DIR",
            description = "Seed into DIR and keep it; a later run with the same DIR reuses the seeded batch log (default: a temporary directory, removed)")
    Path keep;

    @Override
    public Integer call() throws Exception {
        if (devices < 1 || runs < 1) {
            throw new ParameterException(spec.commandLine(), "--devices and --runs must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dir = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("imprint-bench-report");
        long t0 = System.nanoTime();
        boolean seeded = !Files.exists(dir.resolve("station.mv.db"));
        long events = seeded ? seed(dir, devices) : 0;
        try (StationDatabase db = StationDatabase.open(dir.resolve("station"))) {
            if (seeded) {
                out.printf(Locale.ROOT, "seeded %,d devices and %,d audit events in %.1f s (batch log %,d MiB)%n", devices, events, seconds(t0),
                        Files.size(dir.resolve("station.mv.db")) >> 20);
            } else {
                out.printf(Locale.ROOT, "reusing the batch log in %s (%,d MiB)%n", dir, Files.size(dir.resolve("station.mv.db")) >> 20);
            }
            out.flush();
            Reports reports = new Reports(db, List.of(), AuditVerifier.trustingRecordedKeys(), Clock.systemUTC());
            long v0 = System.nanoTime();
            AuditVerifier.trustingRecordedKeys().verifyDatabase(db);
            out.printf(Locale.ROOT, "audit verification alone (part of every report): %.2f s%n", seconds(v0));
            for (ReportFormat format : formats) {
                Path file = dir.resolve("report." + format.extension());
                long listed = reports.write(ReportBenchData.BATCH, "bench", format, file);
                double[] times = new double[runs];
                long peak = 0;
                for (int r = 0; r < runs; r++) {
                    System.gc();
                    HeapSampler heap = HeapSampler.start();
                    long start = System.nanoTime();
                    reports.write(ReportBenchData.BATCH, "bench", format, file);
                    times[r] = seconds(start);
                    peak = Math.max(peak, heap.stop());
                }
                Arrays.sort(times);
                out.printf(Locale.ROOT, "%-4s %,d devices: best %.2f s, median %.2f s (%d runs), %,d KiB, %,.0f devices/s, peak heap in use %,d MiB%n",
                        format, listed, times[0], times[runs / 2], runs, Files.size(file) >> 10, listed / times[runs / 2], peak >> 20);
                out.flush();
            }
        } finally {
            if (keep == null) {
                deleteTree(dir);
            }
        }
        return 0;
    }

    private static long seed(Path dir, int devices) throws Exception {
        try (StationDatabase seeding = StationDatabase.open(dir.resolve("station"))) {
            long events = ReportBenchData.seed(seeding, devices);
            // A station compacts its log as it goes (the group commit's writer); the bulk seeding does not,
            // so the file is compacted once here, or every read would cross ten times the pages.
            try (var c = seeding.connection(); var s = c.createStatement()) {
                s.execute("SHUTDOWN COMPACT");
            }
            return events;
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** Samples the heap in use every 5 ms on a thread of its own, for the peak while a report runs. */
    static final class HeapSampler {
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;
        private Thread thread;

        static HeapSampler start() {
            HeapSampler s = new HeapSampler();
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            s.thread = Thread.ofPlatform().daemon().name("heap-sampler").start(() -> {
                while (s.running) {
                    s.peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            return s;
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return peak.get();
        }
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        List<Path> paths = new ArrayList<>();
        try (var walk = Files.walk(dir)) {
            walk.forEach(paths::add);
        }
        for (int i = paths.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(paths.get(i));
        }
    }
}

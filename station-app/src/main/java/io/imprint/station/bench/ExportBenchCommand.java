package io.imprint.station.bench;

import io.imprint.station.audit.AuditTrail;
import io.imprint.station.audit.MemoryChainSigner;
import io.imprint.station.batch.Batch;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.sync.export.BundleVerifier;
import io.imprint.station.sync.export.ExportTarget;
import io.imprint.station.sync.export.Exports;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code imprint bench-export}: seeds a throwaway batch log with one batch of boards (devices and real
 * certificates only: what an export reads), then times an export of it to each target, with the heap in
 * use sampled while each runs, and checks each bundle as {@code export verify} would.
 *
 * <p>Not thread-safe (one per command line).
 */
@Command(name = "bench-export", mixinStandardHelpOptions = true,
        description = "Benchmark cloud exports: seed a throwaway H2 batch log with one batch of --devices boards, then time an export to each target.")
public final class ExportBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--devices", defaultValue = "100000", description = "Boards in the batch seeded (default ${DEFAULT-VALUE}; ignored when --keep reuses one)")
    int devices;

    @Option(names = "--targets", split = ",", paramLabel = "aws,azure,nrfcloud,manifest,csv", description = "Targets to time (default: all)")
    List<String> targets = List.of("aws", "azure", "nrfcloud", "manifest", "csv");

    @Option(names = "--keep", paramLabel = "DIR",
            description = "Seed into DIR and keep it; a later run with the same DIR reuses the seeded batch log (default: a temporary directory, removed)")
    Path keep;

    @Override
    public Integer call() throws Exception {
        if (devices < 1) {
            throw new ParameterException(spec.commandLine(), "--devices must be at least 1");
        }
        List<ExportTarget> chosen = targets.stream().map(t -> ExportTarget.named(t).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "--targets takes aws, azure, nrfcloud, manifest, csv; not '" + t + "'"))).toList();
        PrintWriter out = spec.commandLine().getOut();
        Path dir = keep != null ? Files.createDirectories(keep) : Files.createTempDirectory("imprint-bench-export");
        MemoryChainSigner stationKey = new MemoryChainSigner();
        BenchCertificates certs = BenchCertificates.make(stationKey);
        try {
            long t0 = System.nanoTime();
            boolean seeding = !Files.exists(dir.resolve("station.mv.db"));
            if (seeding) {
                seed(dir, certs);
            }
            try (StationDatabase db = StationDatabase.open(dir.resolve("station"))) {
                long mib = Files.size(dir.resolve("station.mv.db")) >> 20;
                if (seeding) {
                    out.printf(Locale.ROOT, "seeded %,d boards with their certificates in %.1f s (batch log %,d MiB)%n", devices, seconds(t0), mib);
                } else {
                    out.printf(Locale.ROOT, "reusing the batch log in %s (%,d MiB)%n", dir, mib);
                }
                out.printf(Locale.ROOT, "heap max %,d MiB; %d processors%n", Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
                out.flush();
                Exports exports = new Exports(db, new AuditTrail("bench-station", stationKey, 100, Clock.systemUTC()), List.of(certs.ca()), stationKey,
                        Optional.of(certs.station()));
                for (ExportTarget target : chosen) {
                    Path bundle = dir.resolve("export-" + target.id());
                    if (Files.exists(bundle)) {
                        ReportBenchCommand.deleteTree(bundle);
                    }
                    System.gc();
                    ReportBenchCommand.HeapSampler heap = ReportBenchCommand.HeapSampler.start();
                    long start = System.nanoTime();
                    Exports.Result r = exports.export(ReportBenchData.BATCH, target, bundle, "bench");
                    double took = seconds(start);
                    long peak = heap.stop();
                    long v0 = System.nanoTime();
                    BundleVerifier.Verification v = BundleVerifier.verify(bundle, stationKey.publicKey());
                    out.printf(Locale.ROOT, "%-8s %,d boards: %.2f s, %,.0f boards/s, %,d files, %,d MiB, peak heap in use %,d MiB; verify %.2f s (%s)%n",
                            target.id(), r.devices(), took, r.devices() / took, r.files(), size(bundle) >> 20, peak >> 20, seconds(v0),
                            v.ok() ? "ok" : v.problems().getFirst());
                    out.flush();
                    ReportBenchCommand.deleteTree(bundle); // a million boards' bundle is a GiB or more
                    if (!v.ok()) {
                        return 1;
                    }
                }
            }
        } finally {
            if (keep == null) {
                ReportBenchCommand.deleteTree(dir);
            }
        }
        return 0;
    }

    private void seed(Path dir, BenchCertificates certs) throws Exception {
        Batch.CloudAttributes cloud = new Batch.CloudAttributes(Optional.of("bench-sensors"), Optional.of("BenchPolicy"), Optional.of("BenchSensor"),
                Map.of("line", "5", "site", "brno"));
        try (StationDatabase seeding = StationDatabase.open(dir.resolve("station"))) {
            ReportBenchData.seed(seeding, devices, BenchCertificates.pem(certs.board()), cloud, false);
            try (var c = seeding.connection(); var s = c.createStatement()) {
                s.execute("SHUTDOWN COMPACT"); // as bench-report does: a station's log is compacted as it goes, the bulk seeding's is not
            }
        }
    }

    private static long size(Path bundle) throws java.io.IOException {
        try (Stream<Path> files = Files.list(bundle)) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}

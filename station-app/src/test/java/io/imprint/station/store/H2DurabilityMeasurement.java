package io.imprint.station.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: the one-off measurement behind "H2 durability (issue 5)" in docs/PERFORMANCE.md. It
 * only runs when asked for, and asserts nothing, so its numbers can never flake a build:
 * <pre>
 * ./mvnw -q -B -o -pl station-app test -Dtest=H2DurabilityMeasurement -Dimprint.measure=true
 * </pre>
 * (1) Acknowledged commits lost per kill -9 with H2's default write delay and with the station's
 * {@code WRITE_DELAY=0}, killing a {@link DurabilityWriter} at a seeded random moment, and whether the
 * file still opens. (2) Commits per second, one small insert each, from 1 and 8 threads: with
 * {@code WRITE_DELAY=0}, with H2's default for comparison, and with {@code WRITE_DELAY=0} plus
 * {@code CHECKPOINT SYNC} (an fsync) per commit, what surviving a power cut as well would cost.
 * (3) How the file grows at a steady station-like pace with either write delay. About fifteen minutes.
 *
 * <p>Not thread-safe: JUnit runs it on one thread; the rate runs start their own.
 */
@EnabledIfSystemProperty(named = "imprint.measure", matches = "true")
class H2DurabilityMeasurement {

    private static final int KILLS = Integer.getInteger("imprint.measure.kills", 50);
    private static final int H2_DEFAULT_WRITE_DELAY = 500;
    private static final Duration WARM_UP = Duration.ofSeconds(2);
    private static final Duration MEASURED = Duration.ofSeconds(10);
    private static final int PACE = 100;
    private static final Duration PACED = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void lostAcknowledgedCommitsPerKill() throws Exception {
        long seed = Long.getLong("imprint.durability.seed", 5L);
        StringBuilder report = new StringBuilder("kill -9 at a random moment 0.2-1.2 s after opening, "
                + KILLS + " kills per setting, seed " + seed + "\n");
        report.append(killRun("WRITE_DELAY=500 (H2 default)", H2_DEFAULT_WRITE_DELAY, new Random(seed)));
        report.append(killRun("WRITE_DELAY=0 (station)", 0, new Random(seed)));
        print("lost-acks", report.toString());
    }

    @Test
    void commitsPerSecond() throws Exception {
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "%-34s %7s %12s %22s%n", "setting", "threads", "commits/s", "file growth KiB/commit"));
        for (Mode mode : Mode.values()) {
            for (int threads : new int[] {1, 8}) {
                report.append(rate(mode, threads));
            }
        }
        print("commit-rate", report.toString());
    }

    @Test
    void fileGrowthAtAStationsPace() throws Exception {
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "%d commits/s, each one batch with its certificate (about 1 KiB), for %d s%n%-34s %s%n",
                PACE, PACED.toSeconds(), "setting", "file size (MiB) at 15 s intervals, then after close"));
        for (Mode mode : new Mode[] {Mode.STATION, Mode.H2_DEFAULT}) {
            report.append(growth(mode));
        }
        report.append(growthThroughGroupCommit());
        print("file-growth", report.toString());
    }

    private String growth(Mode mode) throws Exception {
        Path base = dir.resolve("growth-" + mode).resolve("station");
        Path mvFile = base.resolveSibling("station.mv.db");
        List<Long> sizes = new ArrayList<>();
        try (StationDatabase db = StationDatabase.open(base); Connection c = db.connection()) {
            if (mode == Mode.H2_DEFAULT) {
                try (Statement s = c.createStatement()) {
                    s.execute("SET WRITE_DELAY " + H2_DEFAULT_WRITE_DELAY);
                }
            }
            c.setAutoCommit(false);
            long start = System.nanoTime();
            for (long n = 1; n <= PACE * PACED.toSeconds(); n++) {
                DurabilityRows.insert(c, n);
                c.commit();
                if (n % (PACE * 15) == 0) {
                    sizes.add(Files.size(mvFile) >> 20);
                }
                long due = start + n * 1_000_000_000L / PACE;
                Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
            }
        }
        sizes.add(Files.size(mvFile) >> 20);
        return String.format(Locale.ROOT, "%-34s %s%n", mode.label, sizes);
    }

    /** The station as it commits now: through the group commit, whose writer compacts every second. */
    private String growthThroughGroupCommit() throws Exception {
        Path base = dir.resolve("growth-group").resolve("station");
        Path mvFile = base.resolveSibling("station.mv.db");
        List<Long> sizes = new ArrayList<>();
        try (StationDatabase db = StationDatabase.open(base)) {
            long start = System.nanoTime();
            for (long n = 1; n <= PACE * PACED.toSeconds(); n++) {
                long row = n;
                db.groupCommit().<Void, SQLException>run(c -> {
                    DurabilityRows.insert(c, row);
                    return null;
                });
                if (n % (PACE * 15) == 0) {
                    sizes.add(Files.size(mvFile) >> 20);
                }
                long due = start + n * 1_000_000_000L / PACE;
                Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
            }
        }
        sizes.add(Files.size(mvFile) >> 20);
        return String.format(Locale.ROOT, "%-34s %s%n", "WRITE_DELAY=0, group commit + compaction (station now)", sizes);
    }

    private String killRun(String label, int writeDelay, Random random) throws Exception {
        Path base = Files.createDirectories(dir.resolve("kill-" + writeDelay)).resolve("station");
        StationDatabase.open(base).close();
        long ackedTotal = 0;
        List<Integer> lostPerKill = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        // Every acknowledged row the file should still hold: each check looks at all of them, not only the last kill's.
        Set<Long> ackedInFile = new HashSet<>();
        for (int kill = 1; kill <= KILLS; kill++) {
            List<Long> acked = new ArrayList<>();
            try (ChildProcess writer = ChildProcess.start(base.resolveSibling("writer.err"),
                    DurabilityWriter.class, base.toString(), Integer.toString(writeDelay))) {
                if (writer.awaitLine("START ", Duration.ofSeconds(30)).isEmpty()) {
                    // The check below opened and closed this file cleanly, yet the writer cannot open it.
                    unusable.add("before kill " + kill + ", after a clean close: " + writer.describe().lines()
                            .filter(l -> l.contains("StoreException")).findFirst().orElse(writer.describe()));
                    lostPerKill.add(ackedInFile.size());
                    ackedInFile.clear();
                    startAfresh(base);
                    continue;
                }
                Thread.sleep(200 + random.nextInt(1000));
                writer.killHard();
                for (String line : writer.rest()) {
                    if (line.startsWith("ACK ")) {
                        acked.add(Long.parseLong(line.substring("ACK ".length())));
                    }
                }
            }
            ackedTotal += acked.size();
            ackedInFile.addAll(acked);
            try (StationDatabase db = StationDatabase.open(base); Connection c = db.connection()) {
                Map<Long, DurabilityRows> rows = DurabilityRows.read(c);
                List<Long> lost = ackedInFile.stream()
                        .filter(n -> !DurabilityRows.expected(n).equals(rows.get(n))).toList();
                lostPerKill.add(lost.size());
                lost.forEach(ackedInFile::remove);
            } catch (StoreException e) {
                // Every acknowledged row is gone with the file: count them all, and go on with a new file.
                unusable.add("kill " + kill + ": " + e.getMessage());
                lostPerKill.add(ackedInFile.size());
                ackedInFile.clear();
                startAfresh(base);
            }
        }
        int lost = lostPerKill.stream().mapToInt(Integer::intValue).sum();
        return String.format(Locale.ROOT, "%-30s acknowledged %6d, lost %6d: per kill mean %.1f, max %d,"
                        + " kills that lost any %d/%d, file unusable after %d kill(s)%n  lost per kill %s%n%s",
                label, ackedTotal, lost, lost / (double) KILLS,
                lostPerKill.stream().mapToInt(Integer::intValue).max().orElse(0),
                lostPerKill.stream().filter(n -> n > 0).count(), KILLS, unusable.size(), lostPerKill,
                unusable.stream().map(u -> "  " + u + "\n").reduce("", String::concat));
    }

    private static void startAfresh(Path base) throws Exception {
        Files.delete(base.resolveSibling(base.getFileName() + ".mv.db"));
        StationDatabase.open(base).close();
    }

    private enum Mode {
        STATION("WRITE_DELAY=0 (station)"),
        H2_DEFAULT("WRITE_DELAY=500 (H2 default)"),
        FSYNC("WRITE_DELAY=0 + CHECKPOINT SYNC");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    private String rate(Mode mode, int threads) throws Exception {
        Path base = dir.resolve("rate-" + mode + "-" + threads).resolve("station");
        try (StationDatabase db = StationDatabase.open(base)) {
            if (mode == Mode.H2_DEFAULT) {
                try (Connection c = db.connection(); Statement s = c.createStatement()) {
                    s.execute("SET WRITE_DELAY " + H2_DEFAULT_WRITE_DELAY);
                }
            }
            LongAdder commits = new LongAdder();
            AtomicBoolean stop = new AtomicBoolean();
            CountDownLatch done = new CountDownLatch(threads);
            List<Throwable> failures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread.ofPlatform().start(() -> {
                    try (Connection c = db.connection();
                         PreparedStatement insert = c.prepareStatement(
                                 "INSERT INTO station_settings (setting_name, setting_value) VALUES (?, 'value')");
                         Statement sync = c.createStatement()) {
                        c.setAutoCommit(false);
                        for (long i = 0; !stop.get(); i++) {
                            insert.setString(1, "t" + thread + "-" + i);
                            insert.executeUpdate();
                            c.commit();
                            if (mode == Mode.FSYNC) {
                                sync.execute("CHECKPOINT SYNC");
                            }
                            commits.increment();
                        }
                    } catch (Throwable e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    } finally {
                        done.countDown();
                    }
                });
            }
            Thread.sleep(WARM_UP);
            long startCount = commits.sum();
            long startSize = Files.size(base.resolveSibling("station.mv.db"));
            long start = System.nanoTime();
            Thread.sleep(MEASURED);
            long counted = commits.sum() - startCount;
            double seconds = (System.nanoTime() - start) / 1e9;
            long grown = Files.size(base.resolveSibling("station.mv.db")) - startSize;
            stop.set(true);
            done.await();
            if (!failures.isEmpty()) {
                throw new AssertionError(mode + " with " + threads + " threads failed", failures.getFirst());
            }
            return String.format(Locale.ROOT, "%-34s %7d %12.0f %22.1f%n", mode.label, threads,
                    counted / seconds, grown / 1024.0 / Math.max(1, counted));
        }
    }

    private static void print(String name, String report) throws Exception {
        System.out.print(report);
        Path out = Path.of("target", "h2-durability-" + name + ".txt");
        Files.writeString(out, report);
    }
}

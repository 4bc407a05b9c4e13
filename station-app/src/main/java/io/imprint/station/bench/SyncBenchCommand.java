package io.imprint.station.bench;

import io.imprint.station.audit.AuditTrail;
import io.imprint.station.audit.MemoryChainSigner;
import io.imprint.station.batch.Batch;
import io.imprint.station.store.Sql;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.Transactions;
import io.imprint.station.sync.online.Backoff;
import io.imprint.station.sync.online.DeviceRegistration;
import io.imprint.station.sync.online.RegisteredDevice;
import io.imprint.station.sync.online.Registry;
import io.imprint.station.sync.online.RegistryAnswer;
import io.imprint.station.sync.online.Revocation;
import io.imprint.station.sync.online.SyncClock;
import io.imprint.station.sync.online.SyncRunner;
import io.imprint.station.sync.online.SyncTarget;
import io.imprint.station.sync.online.TokenBucket;
import io.imprint.station.util.JsonText;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code imprint bench-sync}: how close the sync's pacing comes to the configured rate. Seeds a throwaway
 * batch log with provisioned boards and their outbox entries, then drains it through the real runner
 * (H2 transactions, audit summaries, the token bucket on the wall clock) into a registry in this process
 * that answers after {@code --latency-ms}, and prints the rate measured between the first call and the
 * last answer against the one configured.
 *
 * <p>Not thread-safe (one per command line).
 */
@Command(name = "bench-sync", mixinStandardHelpOptions = true,
        description = "Benchmark the online sync's pacing: drain --devices outbox entries at --rate into an in-process registry; print measured vs configured.")
public final class SyncBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--devices", defaultValue = "200", description = "Outbox entries to sync (default ${DEFAULT-VALUE})")
    int devices;

    @Option(names = "--rate", defaultValue = "10", description = "Configured boards a second (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--per-call", defaultValue = "1", description = "Boards per registry call (AWS 1, Azure DPS up to 10; default ${DEFAULT-VALUE})")
    int perCall;

    @Option(names = "--latency-ms", defaultValue = "20", description = "How long the registry takes to answer a call (default ${DEFAULT-VALUE})")
    int latencyMs;

    @Override
    public Integer call() throws Exception {
        if (devices < 2 || !(rate > 0) || perCall < 1 || latencyMs < 0) {
            throw new ParameterException(spec.commandLine(), "--devices at least 2, --rate above 0, --per-call at least 1, --latency-ms at least 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("imprint-bench-sync");
        MemoryChainSigner stationKey = new MemoryChainSigner();
        BenchCertificates certs = BenchCertificates.make(stationKey);
        try (StationDatabase db = StationDatabase.open(dir.resolve("station"))) {
            ReportBenchData.seed(db, devices, BenchCertificates.pem(certs.board()), new Batch.CloudAttributes(Optional.of("bench"), Optional.empty(),
                    Optional.empty(), Map.of("site", "brno")), false);
            outbox(db);
            TimedRegistry registry = new TimedRegistry(perCall, Duration.ofMillis(latencyMs));
            SyncClock clock = SyncClock.system();
            SyncRunner runner = new SyncRunner(db, new AuditTrail("bench-station", stationKey, 100, Clock.systemUTC()), registry,
                    List.of(BenchCertificates.pem(certs.ca())), clock, new TokenBucket(clock, rate, 1), Backoff.standard(), "bench", Optional.empty());
            SyncRunner.Outcome o = runner.drain(Optional.of(Duration.ofSeconds(10)));
            // Calls are paced: the rate is boards between the first call's start and the last call's start.
            double span = (registry.lastCall - registry.firstCall) / 1e9;
            double measured = (o.synced() - registry.lastCallSize) / span;
            out.printf(Locale.ROOT, "%,d boards synced in %,d calls of up to %d; registry latency %d ms%n", o.synced(), registry.calls, perCall, latencyMs);
            out.printf(Locale.ROOT, "configured %.2f boards/s, measured %.2f boards/s (%+.2f %%)%n", rate, measured, (measured / rate - 1) * 100);
            out.flush();
            return o.synced() == devices ? 0 : 1;
        } finally {
            ReportBenchCommand.deleteTree(dir);
        }
    }

    /** The engine's DEVICE_PROVISIONED entry for every seeded board, with the payload fields the sync reads. */
    private static void outbox(StationDatabase db) throws Exception {
        List<String[]> boards = Transactions.inTransaction(db, tx -> Sql.query(tx,
                "SELECT batch_id, device_id, certificate_serial FROM devices ORDER BY device_id", rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}));
        try (Connection tx = db.connection()) {
            tx.setAutoCommit(false);
            try (PreparedStatement ps = tx.prepareStatement("INSERT INTO sync_outbox (batch_id, device_id, kind, payload, created_at) VALUES (?,?,'DEVICE_PROVISIONED',?,?)")) {
                for (String[] b : boards) {
                    ps.setString(1, b[0]);
                    ps.setString(2, b[1]);
                    ps.setString(3, JsonText.of("deviceId", b[1], "batch", b[0], "serial", b[2]));
                    ps.setTimestamp(4, Timestamp.from(Instant.now()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            tx.commit();
        }
    }

    /** Answers every registration after a fixed latency and notes when the calls came. Not thread-safe. */
    private static final class TimedRegistry implements Registry {
        private final int perCall;
        private final Duration latency;
        long firstCall;
        long lastCall;
        int lastCallSize;
        int calls;

        TimedRegistry(int perCall, Duration latency) {
            this.perCall = perCall;
            this.latency = latency;
        }

        @Override
        public SyncTarget target() {
            return SyncTarget.AWS;
        }

        @Override
        public int maxBatch() {
            return perCall;
        }

        @Override
        public List<RegistryAnswer> register(List<DeviceRegistration> devices) {
            long now = System.nanoTime();
            if (calls++ == 0) {
                firstCall = now;
            }
            lastCall = now;
            lastCallSize = devices.size();
            try {
                Thread.sleep(latency);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<RegistryAnswer> answers = new ArrayList<>();
            devices.forEach(d -> answers.add(new RegistryAnswer.Registered(d.entryId(), d.deviceId(), false)));
            return answers;
        }

        @Override
        public RegistryAnswer revoke(Revocation revocation) {
            return new RegistryAnswer.Registered(revocation.entryId(), revocation.deviceId(), false);
        }

        @Override
        public void forEachRegistered(Consumer<RegisteredDevice> sink) {
        }

        @Override
        public void close() {
        }
    }
}

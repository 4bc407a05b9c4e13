package io.imprint.station.bench;

import io.imprint.ca.ceremony.CaDirectory;
import io.imprint.ca.ceremony.KeyCeremony;
import io.imprint.ca.issue.CertificateAuthority;
import io.imprint.ca.issue.MemoryIssuanceLedger;
import io.imprint.ca.key.KeyManager;
import io.imprint.ca.key.KeyManagers;
import io.imprint.ca.key.KeyUri;
import io.imprint.ca.profile.CaConfig;
import io.imprint.ca.softhsm.SoftHsm;
import io.imprint.device.port.BoardPorts;
import io.imprint.station.wiring.StationWiring;
import io.imprint.device.session.LinkTiming;
import io.imprint.device.sim.BoardFarm;
import io.imprint.device.sim.BoardProfile;
import io.imprint.device.sim.FaultMode;
import io.imprint.device.transport.PortIdentity;
import io.imprint.station.audit.AuditTrail;
import io.imprint.station.audit.TokenChainSigner;
import io.imprint.station.batch.Batch;
import io.imprint.station.batch.Batches;
import io.imprint.station.batch.Strategy;
import io.imprint.station.engine.ProvisioningWorkflow;
import io.imprint.station.engine.SlotObserver;
import io.imprint.station.engine.SlotView;
import io.imprint.station.engine.Station;
import io.imprint.station.engine.Step;
import io.imprint.station.store.GroupCommit;
import io.imprint.station.store.StationDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The whole station on real parts — virtual boards on ptys through jSerialComm, CSR checks and
 * signatures in SoftHSM, durable H2 commits, the signed audit trail — with each slot's time split into
 * waiting on the board and the station's own work.
 *
 * <p>Not thread-safe; one phase at a time. Never part of the test command beyond a smoke run.
 */
public final class StationBench implements AutoCloseable {

    /** One run's numbers. */
    public record Result(int slots, int baud, int devices, double seconds, List<Long> stationMicros, long wallMicrosTotal, long stationMicrosTotal,
                         CpuUse cpu, GroupCommit.Stats commits) {
        public double devicesPerSecond() {
            return devices / seconds;
        }

        public long percentile(double p) {
            List<Long> sorted = new ArrayList<>(stationMicros);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
        }

        /** Station CPU per device in ms: the whole process's CPU less the virtual boards' threads. */
        public double stationCpuMillisPerDevice() {
            return cpu.stationNanos() / 1e6 / devices;
        }

        /** Share of the slots' time spent in the station rather than waiting on boards. */
        public double overhead() {
            return (double) stationMicrosTotal / wallMicrosTotal;
        }

        /** The station's time against the boards' own: what the issue's "under 5 % of board time" compares. */
        public double overheadOfBoardTime() {
            long board = wallMicrosTotal - stationMicrosTotal;
            return board <= 0 ? Double.POSITIVE_INFINITY : (double) stationMicrosTotal / board;
        }
    }

    private static final String PIN = "86427531";
    private static final String SLOT_THREAD = "bench-slot-";

    private final Path dir;
    private final int slots;
    private final KeyManager keys;
    private final StationDatabase db;
    private final Station station;
    private final Batches batches;
    private int phases;

    private StationBench(Path dir, int slots, KeyManager keys, StationDatabase db, Station station, Batches batches) {
        this.dir = dir;
        this.slots = slots;
        this.keys = keys;
        this.db = db;
        this.station = station;
        this.batches = batches;
    }

    /** A station on a new token, CA, H2 file and audit trail under {@code dir} (SoftHSM reads its configuration once per process). */
    public static StationBench open(Path dir, int slots) throws Exception {
        Path conf = SoftHsm.use(dir.resolve("softhsm"));
        SoftHsm.initToken(conf, "bench", PIN, "75318642");
        Path pin = dir.resolve("pin");
        Files.writeString(pin, PIN + "\n");
        KeyUri uri = KeyUri.parse("pkcs11:token=bench?pin-source=file:" + pin);
        CaDirectory caDir = new CaDirectory(dir.resolve("ca"));
        KeyManager keys = KeyManagers.open(uri, w -> { });
        StationDatabase db = null;
        try {
            db = StationDatabase.open(dir.resolve("station"));
            new KeyCeremony(keys, CaConfig.defaults(), caDir, Clock.systemUTC()).run(uri.toString());
            CertificateAuthority ca = new CertificateAuthority(keys.signer("issuing-ca"), caDir.loadChain(), CaConfig.defaults(), new MemoryIssuanceLedger(), Clock.systemUTC());
            AuditTrail audit = new AuditTrail("bench", TokenChainSigner.getOrCreate(keys, "station-audit", "bench", Clock.systemUTC()), 100, Clock.systemUTC());
            return new StationBench(dir, slots, keys, db, new Station("bench", db, ca, audit, Clock.systemUTC()), new Batches(db, audit, Clock.systemUTC()));
        } catch (Exception | Error e) {
            if (db != null) {
                db.close();
            }
            keys.close();
            throw e;
        }
    }

    /** Runs one phase on a batch of its own and fresh virtual boards. */
    public Result run(Phase phase) throws Exception {
        String batch = "BENCH-" + (++phases);
        batches.create(new Batch(batch, "bench", "bench", slots * phase.boardsPerSlot(), Strategy.KEY_ON_BOARD, "device", null,
                Batch.CloudAttributes.none(), null, null), "bench");
        batches.open(batch, "bench");
        return measure(dir.resolve("boards-" + phases), phase, batch);
    }

    @Override
    public void close() {
        try {
            db.close();
        } finally {
            keys.close();
        }
    }

    /** The phase's CPU time: the process's, and the part the virtual boards' threads used. */
    public record CpuUse(long processNanos, long boardNanos, long slotNanos, long writerNanos, long jitNanos, long gcMillis) {
        long stationNanos() {
            return processNanos - boardNanos;
        }

        /** The JIT compiler threads' share of the process's CPU. */
        public double jitShare() {
            return processNanos == 0 ? 0 : (double) jitNanos / processNanos;
        }

        CpuUse minus(CpuUse before) {
            return new CpuUse(processNanos - before.processNanos, boardNanos - before.boardNanos, slotNanos - before.slotNanos,
                    writerNanos - before.writerNanos, jitNanos - before.jitNanos, gcMillis - before.gcMillis);
        }

        /** Now; board threads that ended are missed, so this is read while they all still run. */
        static CpuUse now() {
            var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long boards = 0;
            long slots = 0;
            long writer = 0;
            for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                long cpu = Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
                String name = info.getThreadName();
                if (name.startsWith("virtual-board-")) {
                    boards += cpu;
                } else if (name.startsWith(SLOT_THREAD)) {
                    slots += cpu;
                } else if (name.equals("batch-log-writer")) {
                    writer += cpu;
                }
            }
            long gc = java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
            return new CpuUse(os.getProcessCpuTime(), boards, slots, writer,
                    CompilerCpu.nanos(), gc);
        }
    }

    /** One phase: boards per slot, their baud rate (0: unpaced) and key generation time. */
    public record Phase(int boardsPerSlot, int baud, Duration keygen) {
    }

    private Result measure(Path boards, Phase phase, String batch) throws Exception {
        int total = slots * phase.boardsPerSlot();
        int baud = phase.baud();
        Duration keygen = phase.keygen();
        LinkTiming timing = LinkTiming.standard(baud > 0 ? baud : 115200);
        List<Long> stationMicros = Collections.synchronizedList(new ArrayList<>());
        long[] wall = new long[1];
        long[] own = new long[1];
        long start;
        double seconds;
        CpuUse cpuBefore;
        CpuUse cpu;
        GroupCommit.Stats commitsBefore;
        // Every board is plugged in before the clock starts, so re-plugging is not what is measured.
        try (BoardFarm farm = new BoardFarm(boards, total, BoardProfile.keygen(baud, keygen), FaultMode.NONE, true);
             BoardPorts ports = StationWiring.boardPorts();
             ExecutorService pool = Executors.newFixedThreadPool(slots, Thread.ofPlatform().name(SLOT_THREAD, 1).factory())) {
            List<Future<?>> futures = new ArrayList<>();
            cpuBefore = CpuUse.now();
            commitsBefore = station.db().groupCommit().stats();
            start = System.nanoTime();
            for (int s = 0; s < slots; s++) {
                int socket = s;
                futures.add(pool.submit(() -> {
                    for (int board = socket; board < total; board += slots) {
                        var transport = new TimedTransport(ports.transport(PortIdentity.ofPath(farm.portPath(board)), baud > 0 ? baud : 115200));
                        long t = System.nanoTime();
                        SlotView v = new ProvisioningWorkflow(station, "slot-" + socket, transport, timing, "bench", batch, SlotObserver.NONE).run();
                        long took = System.nanoTime() - t;
                        if (v.step() != Step.PASSED) {
                            throw new IllegalStateException("bench board failed: " + v.failure());
                        }
                        long mine = took - transport.waitingNanos();
                        stationMicros.add(mine / 1000);
                        synchronized (wall) {
                            wall[0] += took / 1000;
                            own[0] += mine / 1000;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            seconds = (System.nanoTime() - start) / 1e9;
            cpu = CpuUse.now().minus(cpuBefore);
        }
        GroupCommit.Stats after = station.db().groupCommit().stats();
        return new Result(slots, baud, total, seconds, List.copyOf(stationMicros), wall[0], own[0], cpu,
                new GroupCommit.Stats(after.commits() - commitsBefore.commits(), after.works() - commitsBefore.works()));
    }
}

package io.imprint.station.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.family.FamilySettings;
import io.imprint.device.sim.SimulatorFarm;
import io.imprint.station.engine.EngineFixture;
import io.imprint.station.engine.SlotObserver;
import io.imprint.station.engine.SlotView;
import io.imprint.station.store.Sql;
import io.imprint.station.store.Transactions;
import io.imprint.station.wiring.StationWiring;
import io.imprint.device.port.BoardPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A line of slots for a test: one {@link SlotRunner} per socket of a simulator farm, bound to its socket
 * link as a fixture's slot is, with the station's real port wiring; finished boards are queued.
 *
 * <p>Not thread-safe: the test's thread drives it.
 */
final class FamilyLine implements AutoCloseable {

    private final BlockingQueue<SlotView> finished = new LinkedBlockingQueue<>();
    private final List<SlotRunner> runners = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final BoardPorts ports = StationWiring.boardPorts();

    FamilyLine(EngineFixture f, SimulatorFarm<?> farm, String batch, FamilySettings families) {
        for (int i = 0; i < farm.size(); i++) {
            SlotRunner r = new SlotRunner(f.station, ports, "slot-" + (i + 1), farm.socketLink(i), batch, "op", EngineFixture.BAUD,
                    SlotObserver.NONE, finished::add).families(families);
            runners.add(r);
            threads.add(Thread.ofPlatform().name("slot-" + (i + 1)).daemon().start(r));
        }
    }

    /** The next board to finish, pass or fail. */
    SlotView next() throws InterruptedException {
        SlotView v = finished.poll(60, TimeUnit.SECONDS);
        assertThat(v).as("a board finished within 60 s").isNotNull();
        return v;
    }

    List<SlotView> next(int boards) throws InterruptedException {
        List<SlotView> views = new ArrayList<>();
        for (int i = 0; i < boards; i++) {
            views.add(next());
        }
        return views;
    }

    @Override
    public void close() throws InterruptedException {
        runners.forEach(SlotRunner::stop);
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(30));
        }
        ports.close();
    }

    /** A fixture's set-up for each simulator plugged in while on (the test's faults); nothing once off. */
    static final class FaultSwitch<S> implements java.util.function.Consumer<S> {
        private final java.util.function.Consumer<S> faults;
        private volatile boolean on = true;

        FaultSwitch(java.util.function.Consumer<S> faults) {
            this.faults = faults;
        }

        void off() {
            on = false;
        }

        @Override
        public void accept(S simulator) {
            if (on) {
                faults.accept(simulator);
            }
        }
    }

    /** The PEM of a certificate the station recorded. */
    static String pem(EngineFixture f, String serial) throws Exception {
        return Transactions.inTransaction(f.db, tx -> Sql.query(tx, "SELECT pem FROM certificates WHERE serial = ?", rs -> rs.getString(1), serial).getFirst());
    }

    /** Runs {@code openssl verify} on each certificate against the fixture's CA; fails the test unless every one is OK. */
    static void opensslVerifies(EngineFixture f, List<String> pems) throws Exception {
        Path dir = Files.createTempDirectory(f.dir, "verify");
        List<String> cmd = new ArrayList<>(List.of("openssl", "verify", "-CAfile", f.caDir.root().toString(), "-untrusted", f.caDir.issuing().toString()));
        for (int i = 0; i < pems.size(); i++) {
            Path p = dir.resolve(i + ".pem");
            Files.writeString(p, pems.get(i));
            cmd.add(p.toString());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out.lines().filter(l -> l.endsWith(": OK"))).hasSize(pems.size());
    }

    /** The newest audit event's number: what a test counts from. */
    static long auditHead(EngineFixture f) throws Exception {
        return Transactions.inTransaction(f.db, tx -> Sql.count(tx, "SELECT COALESCE(MAX(seq), 0) FROM audit_events"));
    }

    /** How many audit events of {@code action} after {@code since} name the family {@code label}. */
    static long auditedWithFamily(EngineFixture f, long since, String action, String label) throws Exception {
        return Transactions.inTransaction(f.db, tx -> Sql.count(tx,
                "SELECT COUNT(*) FROM audit_events WHERE seq > ? AND action = ? AND details LIKE ?", since, action, "%\"family\":\"" + label + "\"%"));
    }
}

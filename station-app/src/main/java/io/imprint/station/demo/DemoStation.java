package io.imprint.station.demo;

import io.imprint.ca.cli.DemoCa;
import io.imprint.device.sim.BoardFarm;
import io.imprint.device.sim.BoardProfile;
import io.imprint.device.sim.FaultMode;
import io.imprint.station.account.Accounts;
import io.imprint.station.account.Operator;
import io.imprint.station.audit.AuditEvent;
import io.imprint.station.batch.Batch;
import io.imprint.station.batch.BatchStatus;
import io.imprint.station.batch.Batches;
import io.imprint.station.batch.Strategy;
import io.imprint.station.run.PortBinding;
import io.imprint.station.run.StationSettings;
import io.imprint.station.run.StationSetup;
import io.imprint.station.run.Unlocked;
import io.imprint.station.store.Transactions;
import io.imprint.station.util.JsonText;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code imprint station --demo}: a whole station a newcomer can start twice in a row — the demo CA in
 * its SoftHSM token (made on first use, as {@code imprint ca demo} makes it), the batch log beside it,
 * the demo accounts, an open demo batch, and eight virtual boards on ptys bound to the slots, swapped
 * as they pass. The station is unlocked with the demo token's PIN as the demo supervisor.
 *
 * <p>Not thread-safe; one per process (SoftHSM reads its configuration once).
 */
public final class DemoStation implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DemoStation.class);

    public static final int SLOTS = 8;
    public static final int BAUD = 115200;
    public static final int BATCH_SIZE = 500;

    private final Unlocked unlocked;
    private final String batchId;
    private final BoardFarm farm;
    private final DemoBoards boards;
    private final Path boardDir;

    private DemoStation(Unlocked unlocked, String batchId, BoardFarm farm, DemoBoards boards, Path boardDir) {
        this.unlocked = unlocked;
        this.batchId = batchId;
        this.farm = farm;
        this.boards = boards;
        this.boardDir = boardDir;
    }

    /** Prepares (or reuses) the demo station in {@code dir} and plugs its boards in. */
    public static DemoStation prepare(Path dir, String stationId, PrintWriter out) throws Exception {
        long t0 = System.nanoTime();
        DemoCa.prepare(dir, out);
        LOG.debug("demo CA ready after {} ms", (System.nanoTime() - t0) / 1_000_000);
        char[] pin = Files.readString(DemoCa.pinFile(dir), StandardCharsets.UTF_8).strip().toCharArray();
        StationSetup setup = StationSetup.open(dir, Optional.empty(), stationId, pin, out::println);
        LOG.debug("station open after {} ms", (System.nanoTime() - t0) / 1_000_000);
        BoardFarm farm = null;
        try {
            Accounts accounts = setup.accounts();
            DemoAccounts.ensure(accounts);
            // The demo logs its supervisor in without the password check (as a pre-filled login would):
            // a PBKDF2 hash is a second of start-up, and the demo token's PIN came from a file anyway.
            Operator supervisor = accounts.list().stream().filter(o -> o.username().equals(DemoAccounts.SUPERVISOR.user())).findFirst().orElseThrow();
            LOG.debug("accounts ready after {} ms", (System.nanoTime() - t0) / 1_000_000);
            Transactions.inTransaction(setup.station().db(), tx -> setup.station().audit().append(tx,
                    new AuditEvent(supervisor.username(), "station.unlocked", stationId, JsonText.of("key", setup.keyUri().toString(), "demo", "true"))));
            String batchId = demoBatch(setup.batches(), supervisor.username());
            Path boardDir = Files.createTempDirectory("imprint-demo-boards");
            farm = new BoardFarm(boardDir, SLOTS, BoardProfile.keygen(BAUD, Duration.ofMillis(300)), FaultMode.NONE);
            List<PortBinding> bindings = new ArrayList<>();
            for (int i = 0; i < SLOTS; i++) {
                bindings.add(new PortBinding.ByPath(farm.socketLink(i)));
            }
            new StationSettings(setup.station().db(), setup.station().audit()).bindSlots(bindings, "demo");
            DemoBoards boards = new DemoBoards(farm, 2);
            LOG.debug("demo station ready after {} ms", (System.nanoTime() - t0) / 1_000_000);
            return new DemoStation(new Unlocked(setup, accounts, supervisor), batchId, farm, boards, boardDir);
        } catch (Exception | Error e) {
            if (farm != null) {
                farm.close();
            }
            setup.close();
            throw e;
        }
    }

    /** The open demo batch with boards to go, or a new one. */
    static String demoBatch(Batches batches, String supervisor) throws Exception {
        List<Batches.Progress> demos = batches.progress().stream().filter(p -> p.batch().id().startsWith("DEMO-")).toList();
        Optional<Batches.Progress> open = demos.stream()
                .filter(p -> p.batch().status() == BatchStatus.OPEN && p.provisioned() < p.batch().quantity())
                .max(Comparator.comparing(p -> p.batch().createdAt()));
        if (open.isPresent()) {
            return open.get().batch().id();
        }
        String id = "DEMO-%03d".formatted(demos.size() + 1);
        batches.create(new Batch(id, "Demo sensor S1", "telemetry", BATCH_SIZE, Strategy.KEY_ON_BOARD, "device", null,
                Batch.CloudAttributes.none(), null, null), supervisor);
        batches.open(id, supervisor);
        return id;
    }

    public Unlocked unlocked() {
        return unlocked;
    }

    public String batchId() {
        return batchId;
    }

    public BoardFarm farm() {
        return farm;
    }

    @Override
    public void close() {
        boards.close();
        farm.close();
        try (var files = Files.list(boardDir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(boardDir);
        } catch (java.io.IOException e) {
            // A temp directory left behind is harmless.
        }
    }
}

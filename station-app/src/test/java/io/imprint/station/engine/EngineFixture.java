package io.imprint.station.engine;

import io.imprint.ca.ceremony.CaDirectory;
import io.imprint.ca.ceremony.KeyCeremony;
import io.imprint.ca.issue.CertificateAuthority;
import io.imprint.ca.issue.MemoryIssuanceLedger;
import io.imprint.ca.key.KeyManager;
import io.imprint.ca.key.KeyManagers;
import io.imprint.ca.key.KeyUri;
import io.imprint.ca.profile.CaConfig;
import io.imprint.ca.softhsm.SoftHsm;
import io.imprint.device.serial.JSerialCommPort;
import io.imprint.device.serial.SerialSettings;
import io.imprint.device.session.LinkTiming;
import io.imprint.device.sim.BoardFarm;
import io.imprint.device.transport.PortIdentity;
import io.imprint.station.audit.AuditTrail;
import io.imprint.station.audit.TokenChainSigner;
import io.imprint.station.batch.Batch;
import io.imprint.station.batch.Batches;
import io.imprint.station.batch.Strategy;
import io.imprint.station.claim.ClaimCredentials;
import io.imprint.station.store.StationDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * A whole station on real parts for the engine tests: a SoftHSM token holding the CA and the station's
 * audit key, an H2 file, and virtual boards on real ptys reached through jSerialComm. Public for the
 * tests of what reads the batch log (reports, traces, labels).
 */
public final class EngineFixture implements AutoCloseable {

    public static final int BAUD = 115200;
    public static final String PIN = "24681357";
    public static final LinkTiming QUICK = new LinkTiming(BAUD, Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofSeconds(2), 3);

    public final Path dir;
    public final CaDirectory caDir;
    public final KeyManager keys;
    public final TokenChainSigner auditSigner;
    /** The batch log and what works on it: new with each {@link #freshDatabase()}. */
    public StationDatabase db;
    public Station station;
    public Batches batches;
    private int databases;
    private Path databaseFile;

    public EngineFixture(Path dir) throws Exception {
        this.dir = dir;
        Path conf = SoftHsm.use(dir.resolve("softhsm"));
        SoftHsm.initToken(conf, "station", PIN, "13572468");
        Path pin = dir.resolve("pin");
        Files.writeString(pin, PIN + "\n");
        KeyUri uri = KeyUri.parse("pkcs11:token=station?pin-source=file:" + pin);
        caDir = new CaDirectory(dir.resolve("ca"));
        keys = KeyManagers.open(uri, w -> { });
        new KeyCeremony(keys, CaConfig.defaults(), caDir, Clock.systemUTC()).run(uri.toString());
        auditSigner = TokenChainSigner.getOrCreate(keys, "station-audit", "station-test", Clock.systemUTC());
        openDatabase(dir.resolve("station"));
    }

    /**
     * Closes the batch log and opens a new, empty one (with a new CA quota ledger) on the same token: a
     * test that starts with it sees no batch, device or audit event another test left. The token (CA and
     * audit keys) stays the class's, as making one takes seconds.
     */
    public void freshDatabase() throws Exception {
        db.close();
        openDatabase(dir.resolve("station-" + ++databases));
    }

    /**
     * As {@link #freshDatabase()}, the new batch log being {@code station.mv.db} in a data directory of
     * its own (what the command line's {@code --data-dir} reads); returns that directory. The batch log
     * is a copy of an empty one the first call makes, Flyway-migrated, and closes untouched: the same
     * file, without running the migrations again for every test.
     */
    public Path freshDataDirectory() throws Exception {
        db.close();
        Path empty = dir.resolve("empty-batch-log");
        if (!Files.exists(dir.resolve("empty-batch-log.mv.db"))) {
            StationDatabase.open(empty).close();
        }
        Path data = Files.createDirectory(dir.resolve("data-" + ++databases));
        Files.copy(dir.resolve("empty-batch-log.mv.db"), data.resolve("station.mv.db"));
        openDatabase(data.resolve("station"));
        return data;
    }

    private void openDatabase(Path file) throws Exception {
        CertificateAuthority ca = new CertificateAuthority(keys.signer("issuing-ca"), caDir.loadChain(), CaConfig.defaults(),
                new MemoryIssuanceLedger(), Clock.systemUTC());
        db = StationDatabase.open(file);
        databaseFile = file.resolveSibling(file.getFileName() + ".mv.db");
        AuditTrail audit = new AuditTrail("station-test", auditSigner, 50, Clock.systemUTC());
        station = new Station("station-test", db, ca, audit, Clock.systemUTC())
                .withClaims(new ClaimCredentials(db, ca, audit, KeyManagers.secretSealer(keys), Clock.systemUTC()));
        batches = new Batches(db, audit, Clock.systemUTC());
    }

    /** The H2 file the batch log is in now, for tests that read its bytes. */
    public Path databaseFile() {
        return databaseFile;
    }

    public Batch openBatch(String id, int quantity, Strategy strategy, String profile) throws Exception {
        batches.create(new Batch(id, "Sensor S1", "telemetry", quantity, strategy, profile, null, Batch.CloudAttributes.none(), null, null), "sup");
        return batches.open(id, "sup");
    }

    public SlotView provision(BoardFarm farm, int socket, String batchId) {
        var transport = new JSerialCommPort(PortIdentity.ofPath(farm.portPath(socket)), SerialSettings.of(BAUD));
        return new ProvisioningWorkflow(station, "slot-" + (socket + 1), transport, QUICK, "op", batchId, SlotObserver.NONE).run();
    }

    @Override
    public void close() {
        db.close();
        keys.close();
    }
}

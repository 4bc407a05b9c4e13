package io.imprint.station.batch;

import io.imprint.station.audit.AuditEvent;
import io.imprint.station.audit.AuditTrail;
import io.imprint.station.store.CertificateRecords;
import io.imprint.station.store.CertificateRecords.CertificateRow;
import io.imprint.station.store.DeviceRecords;
import io.imprint.station.store.OutboxRecords;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import io.imprint.station.store.Transactions;
import io.imprint.station.util.JsonText;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The supervisor's batch operations, each one transaction with its audit event: create, open, pause,
 * close (which revokes the certificates no board acknowledged and signs the audit chain's head), and
 * authorising a device's re-provisioning.
 *
 * <p>Thread-safe.
 */
public final class Batches {

    private static final BatchRepository BATCHES = new BatchRepository();
    private static final CertificateRecords CERTIFICATES = new CertificateRecords();
    private static final DeviceRecords DEVICES = new DeviceRecords();
    private static final OutboxRecords OUTBOX = new OutboxRecords();

    private final StationDatabase db;
    private final AuditTrail audit;
    private final Clock clock;

    public Batches(StationDatabase db, AuditTrail audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    public Batch create(Batch draft, String supervisor) throws StoreException, BatchException {
        if (!draft.id().matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")) {
            throw new BatchException("work order '" + draft.id() + "' must be 1-64 letters, digits and . _ : -");
        }
        Batch batch = new Batch(draft.id(), draft.product(), draft.role(), draft.quantity(), draft.strategy(), draft.profile(),
                BatchStatus.CREATED, draft.cloud(), supervisor, clock.instant());
        return Transactions.inTransaction(db, tx -> {
            BATCHES.insert(tx, batch);
            audit.append(tx, new AuditEvent(supervisor, "batch.created", batch.id(), JsonText.of("product", batch.product(), "role", batch.role(),
                    "quantity", batch.quantity(), "strategy", batch.strategy().name(), "profile", batch.profile())));
            return batch;
        });
    }

    public Batch open(String id, String supervisor) throws StoreException, BatchException {
        return move(id, BatchStatus.OPEN, supervisor);
    }

    public Batch pause(String id, String supervisor) throws StoreException, BatchException {
        return move(id, BatchStatus.PAUSED, supervisor);
    }

    public Batch close(String id, String supervisor) throws StoreException, BatchException {
        return move(id, BatchStatus.CLOSED, supervisor);
    }

    private Batch move(String id, BatchStatus to, String supervisor) throws StoreException, BatchException {
        return Transactions.inTransaction(db, tx -> {
            Batch b = BATCHES.find(tx, id).orElseThrow(() -> new BatchException("no batch " + id));
            if (!b.status().next().contains(to)) {
                throw new BatchException("batch " + id + " is " + b.status().name().toLowerCase() + " and cannot be " + verb(to));
            }
            Instant now = clock.instant();
            BATCHES.updateStatus(tx, id, to, now);
            audit.append(tx, new AuditEvent(supervisor, "batch." + verb(to), id, JsonText.of("from", b.status().name())));
            if (to == BatchStatus.CLOSED) {
                for (CertificateRow orphan : CERTIFICATES.unacknowledged(tx, id)) {
                    CERTIFICATES.revoke(tx, orphan.serial(), "cessationOfOperation", now);
                    OUTBOX.add(tx, id, orphan.deviceId(), "CERTIFICATE_REVOKED", JsonText.of("deviceId", orphan.deviceId(), "serial", orphan.serial(),
                            "reason", "cessationOfOperation"), now);
                    audit.append(tx, new AuditEvent(supervisor, "certificate.revoked", orphan.serial(),
                            JsonText.of("deviceId", orphan.deviceId(), "why", "batch closed before the board acknowledged it")));
                }
                audit.checkpoint(tx);
            }
            return b.withStatus(to);
        });
    }

    public void authoriseReprovisioning(String deviceId, String supervisor) throws StoreException, BatchException {
        Transactions.inTransaction(db, tx -> {
            DEVICES.find(tx, deviceId).orElseThrow(() -> new BatchException("no device " + deviceId));
            DEVICES.authoriseReprovisioning(tx, deviceId, supervisor);
            audit.append(tx, new AuditEvent(supervisor, "device.reprovision-authorised", deviceId, "{}"));
            return null;
        });
    }

    public List<Batch> list() throws StoreException {
        return Transactions.inTransaction(db, BATCHES::list);
    }

    /** A batch and how many of its boards are provisioned. */
    public record Progress(Batch batch, long provisioned) {
    }

    public List<Progress> progress() throws StoreException {
        return Transactions.inTransaction(db, tx -> {
            List<Progress> list = new java.util.ArrayList<>();
            for (Batch b : BATCHES.list(tx)) {
                list.add(new Progress(b, DEVICES.provisioned(tx, b.id())));
            }
            return list;
        });
    }

    private static String verb(BatchStatus to) {
        return switch (to) {
            case OPEN -> "opened";
            case PAUSED -> "paused";
            case CLOSED -> "closed";
            case CREATED -> "created";
        };
    }
}

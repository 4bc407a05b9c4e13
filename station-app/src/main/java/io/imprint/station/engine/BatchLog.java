package io.imprint.station.engine;

import io.imprint.station.batch.BatchRepository;
import io.imprint.station.store.AttemptRecords;
import io.imprint.station.store.CertificateRecords;
import io.imprint.station.store.DeviceRecords;
import io.imprint.station.store.OutboxRecords;

/**
 * The batch log's tables as the engine writes them: one data-access object each, owned by the
 * {@link Station} they belong to rather than shared statics.
 *
 * <p>Thread-safe: the objects are stateless; every call runs in the caller's transaction.
 */
final class BatchLog {

    private final BatchRepository batches = new BatchRepository();
    private final DeviceRecords devices = new DeviceRecords();
    private final CertificateRecords certificates = new CertificateRecords();
    private final AttemptRecords attempts = new AttemptRecords();
    private final OutboxRecords outbox = new OutboxRecords();

    BatchRepository batches() {
        return batches;
    }

    DeviceRecords devices() {
        return devices;
    }

    CertificateRecords certificates() {
        return certificates;
    }

    AttemptRecords attempts() {
        return attempts;
    }

    OutboxRecords outbox() {
        return outbox;
    }
}

package io.imprint.station.run;

import io.imprint.station.store.DeviceRecords;
import io.imprint.station.store.Sql;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import io.imprint.station.store.Transactions;

/**
 * A batch's counters as the batch log has them: the boards provisioned against its quota and the
 * attempts that failed. Read from the log, not counted from events, so a restarted station and a
 * second screen agree.
 *
 * @param batchId   the work order
 * @param quantity  the batch's quota
 * @param done      boards provisioned
 * @param failed    attempts that failed
 */
public record BatchCounts(String batchId, int quantity, long done, long failed) {

    private static final DeviceRecords DEVICES = new DeviceRecords();

    public long remaining() {
        return Math.max(0, quantity - done);
    }

    /** Passed share of finished attempts, 0 to 100; 100 before the first. */
    public double yieldPercent() {
        long finished = done + failed;
        return finished == 0 ? 100.0 : 100.0 * done / finished;
    }

    public boolean quotaReached() {
        return done >= quantity;
    }

    /** Reads the counters of {@code batchId} in one transaction. Thread-safe. */
    public static BatchCounts read(StationDatabase db, String batchId, int quantity) throws StoreException {
        return Transactions.inTransaction(db, tx -> new BatchCounts(batchId, quantity, DEVICES.provisioned(tx, batchId),
                Sql.count(tx, "SELECT COUNT(*) FROM attempts WHERE batch_id = ? AND outcome = 'FAILED'", batchId)));
    }
}

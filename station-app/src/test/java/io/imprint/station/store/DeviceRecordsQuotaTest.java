package io.imprint.station.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quota counter on each batch follows every device status change and always equals a count of rows. */
class DeviceRecordsQuotaTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private final DeviceRecords devices = new DeviceRecords();

    @TempDir
    Path dir;

    @Test
    void theCounterFollowsNewFailedRetriedProvisionedReprovisionedAndMovedDevices() throws Exception {
        try (StationDatabase db = StationDatabase.open(dir.resolve("station"))) {
            Transactions.<Void, RuntimeException>inTransaction(db, tx -> {
                for (String batch : new String[] {"WO-A", "WO-B"}) {
                    Sql.update(tx, "INSERT INTO batches (batch_id, product, role, quantity, strategy, profile, status, attributes, created_by, created_at) "
                            + "VALUES (?, 'p', 'r', 10, 'KEY_ON_BOARD', 'device', 'OPEN', '{}', 'sup', ?)", batch, NOW);
                }
                return null;
            });
            expect(db, Map.of("WO-A", 0L, "WO-B", 0L));
            step(db, tx -> devices.startProvisioning(tx, "D1", "WO-A", "c1", "rev", "fw", NOW));
            step(db, tx -> devices.startProvisioning(tx, "D2", "WO-A", "c2", "rev", "fw", NOW));
            expect(db, Map.of("WO-A", 2L, "WO-B", 0L));
            step(db, tx -> devices.markFailed(tx, "D2"));
            step(db, tx -> devices.markFailed(tx, "D2"));
            expect(db, Map.of("WO-A", 1L, "WO-B", 0L));
            step(db, tx -> devices.startProvisioning(tx, "D2", "WO-A", "c2", "rev", "fw", NOW));
            step(db, tx -> devices.startProvisioning(tx, "D1", "WO-A", "c1", "rev", "fw", NOW));
            expect(db, Map.of("WO-A", 2L, "WO-B", 0L));
            step(db, tx -> devices.markProvisioned(tx, "D1", "01", NOW));
            expect(db, Map.of("WO-A", 2L, "WO-B", 0L));
            step(db, tx -> devices.startProvisioning(tx, "D1", "WO-B", "c1", "rev", "fw", NOW));
            expect(db, Map.of("WO-A", 1L, "WO-B", 1L));
            step(db, tx -> devices.markFailed(tx, "D1"));
            step(db, tx -> devices.markProvisioned(tx, "D1", "02", NOW));
            expect(db, Map.of("WO-A", 1L, "WO-B", 1L));
        }
    }

    private interface Change {
        void apply(java.sql.Connection tx) throws StoreException;
    }

    private static void step(StationDatabase db, Change change) throws StoreException {
        Transactions.<Void, RuntimeException>inTransaction(db, tx -> {
            change.apply(tx);
            return null;
        });
    }

    private void expect(StationDatabase db, Map<String, Long> counted) throws StoreException {
        for (var e : counted.entrySet()) {
            long byCounter = Transactions.<Long, RuntimeException>inTransaction(db, tx -> devices.countedAgainstQuota(tx, e.getKey()));
            long byRows = Transactions.<Long, RuntimeException>inTransaction(db, tx -> devices.countedAgainstQuotaByRows(tx, e.getKey()));
            assertThat(byCounter).as(e.getKey()).isEqualTo(e.getValue()).isEqualTo(byRows);
        }
    }
}

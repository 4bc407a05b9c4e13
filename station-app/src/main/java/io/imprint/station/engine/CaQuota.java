package io.imprint.station.engine;

import io.imprint.ca.issue.IssuanceLedger;
import io.imprint.ca.issue.IssuanceRefusedException;
import io.imprint.station.batch.Batch;
import io.imprint.station.store.Sql;
import io.imprint.station.store.StoreException;

/**
 * Binds each batch's quota in the CA before its first signature of this run: the batch's quantity
 * plus a retry allowance (a board that fails after signing and comes back with another key costs a
 * second certificate), less what the batch log says was already issued. The station's own check caps
 * provisioned boards at the quantity; this is the CA's independent backstop against a runaway station.
 *
 * <p>Thread-safe.
 */
final class CaQuota {

    private CaQuota() {
    }

    static int allowance(int quantity) {
        return Math.max(5, quantity / 10);
    }

    static void ensure(Station station, Batch batch) throws StoreException, ProvisioningFailure, IssuanceRefusedException {
        IssuanceLedger ledger = station.ca().ledger();
        synchronized (ledger) {
            if (ledger.quota(batch.id()).isPresent()) {
                return;
            }
            long issued = station.tx(tx -> Sql.count(tx, "SELECT COUNT(*) FROM certificates WHERE batch_id = ?", batch.id()));
            ledger.bindQuota(batch.id(), batch.quantity() + allowance(batch.quantity()));
            for (long i = 0; i < issued; i++) {
                ledger.reserve(batch.id());
            }
        }
    }
}

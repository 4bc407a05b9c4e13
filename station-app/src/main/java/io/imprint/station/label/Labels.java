package io.imprint.station.label;

import io.imprint.station.audit.AuditEvent;
import io.imprint.station.audit.AuditTrail;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import io.imprint.station.store.Transactions;
import io.imprint.station.util.JsonText;
import java.time.Clock;
import java.util.Optional;

/**
 * A supervisor's label settings of a batch: turning labels on with a printer (and a template and size),
 * and off. Each change is one transaction with its audit event; bad input is refused before anything is
 * written.
 *
 * <p>Thread-safe.
 */
public final class Labels {

    private static final LabelRecords RECORDS = new LabelRecords();

    private final StationDatabase db;
    private final AuditTrail audit;
    private final Clock clock;

    public Labels(StationDatabase db, AuditTrail audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Turns labels on for the batch, printed on {@code printer}; a template or size not given stays as it
     * was set before, else the default.
     */
    public LabelSettings set(String batchId, String printer, Optional<LabelTemplate> template, Optional<LabelSize> size, String supervisor)
            throws StoreException, LabelException {
        LabelPrinter target = LabelPrinter.parse(printer);
        return Transactions.inTransaction(db, tx -> {
            requireBatch(tx, batchId);
            Optional<LabelSettings> before = RECORDS.settings(tx, batchId);
            LabelSettings after = new LabelSettings(batchId, true, target,
                    template.orElse(before.map(LabelSettings::template).orElse(LabelTemplate.DEFAULT)),
                    size.orElse(before.map(LabelSettings::size).orElse(LabelSize.DEFAULT)));
            // A template whose QR code cannot fit the label is refused now, not at the first board.
            new ZplLabel(after.size()).render(after.template().render(new LabelFields("D".repeat(64), "f".repeat(64), batchId, "e".repeat(40), "")));
            RECORDS.save(tx, after, supervisor, clock.instant());
            audit.append(tx, new AuditEvent(supervisor, "label.settings-changed", batchId, JsonText.of("enabled", true, "printer", target.target(),
                    "qr", after.template().qr(), "lines", String.join("\n", after.template().lines()),
                    "size", after.size().widthMm() + "x" + after.size().heightMm() + "@" + after.size().dpi())));
            return after;
        });
    }

    /** Turns the batch's labels off; false if they were off already (nothing written). */
    public boolean off(String batchId, String supervisor) throws StoreException, LabelException {
        return Transactions.inTransaction(db, tx -> {
            requireBatch(tx, batchId);
            LabelSettings before = RECORDS.settings(tx, batchId).orElseThrow(() -> LabelException.refused("batch " + batchId
                    + " has no labels to turn off"));
            if (!before.enabled()) {
                return false;
            }
            RECORDS.save(tx, new LabelSettings(batchId, false, before.printer(), before.template(), before.size()), supervisor, clock.instant());
            audit.append(tx, new AuditEvent(supervisor, "label.settings-changed", batchId, JsonText.of("enabled", false, "printer", before.printer().target())));
            return true;
        });
    }

    /** The batch's settings; empty when labels were never set for it. */
    public Optional<LabelSettings> settings(String batchId) throws StoreException, LabelException {
        return Transactions.inTransaction(db, tx -> RECORDS.settings(tx, batchId));
    }

    static void requireBatch(java.sql.Connection tx, String batchId) throws StoreException, LabelException {
        if (RECORDS.product(tx, batchId).isEmpty()) {
            throw LabelException.refused("no batch " + batchId + " in the batch log");
        }
    }
}

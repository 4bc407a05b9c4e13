package io.imprint.station.label;

import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import io.imprint.station.store.Transactions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Makes and prints labels from what the batch log holds: the label of a board that just passed, a
 * reprint of one board's label, a PDF sheet of a whole batch. Reads only; needs no HSM.
 *
 * <p>Thread-safe.
 */
public final class LabelPrinting {

    private static final LabelRecords RECORDS = new LabelRecords();

    private final StationDatabase db;

    public LabelPrinting(StationDatabase db) {
        this.db = db;
    }

    /** What printing one board's label came to. */
    public sealed interface Outcome {
        /** The label reached the printer. */
        record Printed(LabelPrinter printer) implements Outcome {
        }

        /** The batch prints no labels: none set, or turned off. */
        record NotWanted() implements Outcome {
        }
    }

    /**
     * Prints the label of a board that passed with certificate {@code serial} (none for a CLAIM board), if the batch wants labels.
     * A printer that does not take it, or a board whose values do not fit the template, is a {@link LabelException}.
     */
    public Outcome printPassed(String batchId, String deviceId, Optional<String> serial) throws StoreException, LabelException {
        record Job(LabelSettings settings, LabelFields fields) {
        }
        Optional<Job> job = Transactions.inTransaction(db, tx -> {
            Optional<LabelSettings> s = RECORDS.settings(tx, batchId).filter(LabelSettings::enabled);
            if (s.isEmpty()) {
                return Optional.empty();
            }
            // A CLAIM board has no certificate of its own: the one it was given is found by the device.
            Optional<LabelFields> found = serial.isPresent() ? RECORDS.byCertificate(tx, serial.get()).filter(x -> x.deviceId().equals(deviceId))
                    : RECORDS.provisioned(tx, batchId, deviceId);
            LabelFields f = found.orElseThrow(() -> LabelException.refused("the batch log has no provisioned " + deviceId
                    + serial.map(x -> " with certificate " + x).orElse("") + " in batch " + batchId));
            return Optional.of(new Job(s.get(), f));
        });
        if (job.isEmpty()) {
            return new Outcome.NotWanted();
        }
        return print(job.get().settings(), job.get().fields());
    }

    /** Prints a PROVISIONED board's label again, on the batch's printer, even while the batch's labels are off. */
    public Outcome.Printed reprint(String batchId, String deviceId) throws StoreException, LabelException {
        record Job(LabelSettings settings, LabelFields fields) {
        }
        Job job = Transactions.inTransaction(db, tx -> {
            Labels.requireBatch(tx, batchId);
            LabelSettings s = RECORDS.settings(tx, batchId).orElseThrow(() -> LabelException.refused("batch " + batchId
                    + " has no label printer: set one with imprint label set --batch " + batchId + " --printer tcp://HOST:9100"));
            LabelFields f = RECORDS.provisioned(tx, batchId, deviceId).orElseThrow(() -> LabelException.refused("batch " + batchId
                    + " has no provisioned device " + deviceId));
            return new Job(s, f);
        });
        return print(job.settings(), job.fields());
    }

    /** The batch's label settings; empty when labels were never set for it. */
    public Optional<LabelSettings> settings(String batchId) throws StoreException, LabelException {
        return Transactions.inTransaction(db, tx -> RECORDS.settings(tx, batchId));
    }

    private static Outcome.Printed print(LabelSettings settings, LabelFields fields) throws LabelException {
        String zpl = new ZplLabel(settings.size()).render(settings.template().render(fields));
        settings.printer().send(fields.deviceId(), zpl.getBytes(StandardCharsets.UTF_8));
        return new Outcome.Printed(settings.printer());
    }

    /** Writes a PDF sheet of every PROVISIONED board of the batch to {@code out}; returns how many labels it has. */
    public long sheet(String batchId, Path out) throws StoreException, LabelException {
        return Transactions.inTransaction(db, tx -> {
            Labels.requireBatch(tx, batchId);
            LabelTemplate template = RECORDS.settings(tx, batchId).map(LabelSettings::template).orElse(LabelTemplate.DEFAULT);
            try (LabelSheet sheet = LabelSheet.create(out, batchId)) {
                RECORDS.eachProvisioned(tx, batchId, board -> sheet.add(template.render(board)));
                return sheet.finish();
            }
        });
    }
}

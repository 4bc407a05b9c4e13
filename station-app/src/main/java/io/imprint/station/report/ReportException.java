package io.imprint.station.report;

import io.imprint.station.StationException;

/**
 * A report could not be made or written: no such batch, a file that cannot be written, a full disk.
 * Messages name the batch or the file.
 *
 * <p>Immutable and thread-safe.
 */
public final class ReportException extends StationException {

    private final boolean refused;

    public ReportException(String message) {
        super(message);
        this.refused = false;
    }

    private ReportException(String message, boolean refused) {
        super(message);
        this.refused = refused;
    }

    /** The batch asked for is not in the batch log: the request is refused, nothing failed. */
    static ReportException noSuchBatch(String batchId) {
        return new ReportException("no batch " + batchId + " in the batch log", true);
    }

    /** True when the request was refused (no such batch) rather than failed. */
    public boolean refused() {
        return refused;
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
        this.refused = false;
    }
}

package io.imprint.station.report;

/**
 * Writes one report in one format: the summary first, then each device as it streams from the batch
 * log, then the end with the audit trail's verification, made meanwhile on another thread. A writer holds no more
 * than a page of devices at a time.
 *
 * <p>Not thread-safe: one writer per report, driven by one thread.
 */
public interface ReportWriter extends AutoCloseable {

    void begin(BatchReport report) throws ReportException;

    void device(DeviceLine line) throws ReportException;

    /**
     * After the last device; {@code devices} is how many there were, {@code audit} the audit trail's
     * verification made meanwhile (null for a format that is not {@link #summarised()}). Flushes, does not
     * close the stream.
     */
    void end(long devices, ReportSections.AuditStatus audit) throws ReportException;

    /** Whether this format shows the summary, step timings and audit; if not, only the header and devices are read. */
    default boolean summarised() {
        return true;
    }

    @Override
    default void close() throws ReportException {
    }
}

package io.imprint.station.report;

import io.imprint.station.report.ReportSections.AuditStatus;
import io.imprint.station.report.ReportSections.StepTiming;
import java.util.List;

/**
 * The sections a report reads on threads of their own while its devices stream, and writes last (the
 * PDF into space kept for them on its first pages): the step timings, a pass over every step row of the
 * batch, and the audit trail's verification, a pass over the station's whole chain. Each is as long again
 * as a large batch's device table; on two cores they cost no wall time.
 *
 * <p>Immutable and thread-safe.
 */
public record LateSections(List<StepTiming> steps, AuditStatus audit) {

    public LateSections {
        steps = List.copyOf(steps);
    }
}

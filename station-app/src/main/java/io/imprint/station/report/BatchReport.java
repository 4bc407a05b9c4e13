package io.imprint.station.report;

import io.imprint.station.report.ReportSections.CycleTimes;
import io.imprint.station.report.ReportSections.FailureReason;
import io.imprint.station.report.ReportSections.OperatorStats;
import io.imprint.station.report.ReportSections.Revocation;
import io.imprint.station.report.ReportSections.SlotStats;
import io.imprint.station.report.ReportSections.StepTiming;
import io.imprint.station.report.ReportSections.Throughput;
import java.util.List;

/**
 * Everything a batch report says except its per-device table, which is streamed (a batch may hold
 * 100,000 devices; this record stays small whatever the batch's size), and the audit trail's
 * verification, which {@link Reports#audit()} makes on its own.
 *
 * <p>Immutable and thread-safe.
 */
public record BatchReport(ReportHeader header, ReportCounts counts, List<FailureReason> failures, List<SlotStats> slots,
                          CycleTimes cycleTimes, List<StepTiming> steps, List<Throughput> throughput, List<OperatorStats> operators,
                          List<Revocation> revocations) {

    public BatchReport {
        failures = List.copyOf(failures);
        slots = List.copyOf(slots);
        steps = List.copyOf(steps);
        throughput = List.copyOf(throughput);
        operators = List.copyOf(operators);
        revocations = List.copyOf(revocations);
    }

    /** The report of a format that shows only the header and the devices (CSV): nothing else is read. */
    static BatchReport headerOnly(ReportHeader header) {
        return new BatchReport(header, new ReportCounts(header.batch().quantity(), 0, 0, 0, 0, 0, 0, 0, 0, 0), List.of(), List.of(),
                new CycleTimes(0, 0, 0, 0, 0, 0, List.of()), List.of(), List.of(), List.of(), List.of());
    }
}

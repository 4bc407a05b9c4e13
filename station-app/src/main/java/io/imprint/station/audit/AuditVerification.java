package io.imprint.station.audit;

import java.util.Comparator;
import java.util.List;

/**
 * The outcome of verifying an audit log: what was found (signs of tampering first, then warnings,
 * each by row) and how much was checked.
 *
 * <p>Immutable and thread-safe.
 */
public record AuditVerification(List<AuditFinding> findings, long rows, long checkpoints) {

    public AuditVerification {
        findings = findings.stream().sorted(Comparator.comparing(AuditFinding::warning).thenComparingLong(AuditFinding::row)).toList();
    }

    /** True when nothing shows tampering; warnings may remain. */
    public boolean ok() {
        return findings.stream().allMatch(AuditFinding::warning);
    }

    public List<AuditFinding> problems() {
        return findings.stream().filter(f -> !f.warning()).toList();
    }

    public List<AuditFinding> warnings() {
        return findings.stream().filter(AuditFinding::warning).toList();
    }
}

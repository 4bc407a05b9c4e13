package io.imprint.station.trace;

import java.io.PrintWriter;

/**
 * A trace as a timeline a QA supervisor reads top to bottom: the board, its attempts, its certificates,
 * its claim deliveries, and the audit events that name it.
 *
 * <p>Stateless and thread-safe.
 */
public final class TraceText {

    private TraceText() {
    }

    public static void print(DeviceTrace t, PrintWriter out) {
        DeviceTrace.Device d = t.device();
        out.printf("Board %s   batch %s   %s%n", d.deviceId(), d.batchId(), d.status());
        out.printf("  chip uid %s   hardware %s   firmware %s%n", d.chipUid(), TraceFormat.orDash(d.hardwareRevision()),
                TraceFormat.orDash(d.firmwareVersion()));
        out.printf("  first seen %s   provisioned %s   certificate %s%n", TraceFormat.time(d.firstSeenAt()), TraceFormat.time(d.provisionedAt()),
                TraceFormat.orDash(d.certificateSerial()));
        if (d.reprovisionBy() != null) {
            out.printf("  re-provisioning authorised by %s%n", d.reprovisionBy());
        }
        out.printf("%nAttempts (%d)%n", t.attempts().size());
        int n = 1;
        for (DeviceTrace.Attempt a : t.attempts()) {
            out.printf("  %d. %s  %s on %s  by %s  %s  (%s)%n", n++, TraceFormat.time(a.startedAt()), a.slot(), a.port(), a.operator(),
                    TraceFormat.outcome(a), TraceFormat.duration(a.duration()));
            if (a.failureReason() != null) {
                out.printf("     reason: %s%n", a.failureReason());
            }
            if (a.nextAction() != null) {
                out.printf("     next:   %s%n", a.nextAction());
            }
            out.printf("     steps:  %s%n", TraceFormat.steps(a.steps()));
            if (a.certificateSerial() != null) {
                out.printf("     certificate %s%n", a.certificateSerial());
            }
        }
        out.printf("%nCertificates (%d)%n", t.certificates().size());
        for (DeviceTrace.Certificate c : t.certificates()) {
            out.printf("  %s  %s%n", c.serial(), TraceFormat.status(c));
            out.printf("     issued %s   profile %s   valid %s to %s%n", TraceFormat.time(c.issuedAt()), c.profile(),
                    TraceFormat.time(c.notBefore()), TraceFormat.time(c.notAfter()));
            out.printf("     sha256 %s%n", c.sha256());
        }
        if (!t.claims().isEmpty()) {
            out.printf("%nClaim deliveries (%d)%n", t.claims().size());
            t.claims().forEach(c -> out.printf("  %s  batch %s  claim sha256 %s%n", TraceFormat.time(c.deliveredAt()), c.batchId(), c.certificateSha256()));
        }
        out.printf("%nAudit events (%d)%n", t.events().size());
        for (DeviceTrace.Event e : t.events()) {
            out.printf("  #%-5d %s  %-28s by %-10s %s%n", e.seq(), TraceFormat.time(e.occurredAt()), e.action(), e.actor(), TraceFormat.details(e, d.deviceId(), false));
        }
        out.flush();
    }
}

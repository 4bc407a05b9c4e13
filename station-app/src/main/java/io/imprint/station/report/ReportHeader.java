package io.imprint.station.report;

import io.imprint.station.batch.Batch;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a report is about and where it comes from: the batch as the batch log has it, the station and
 * CA that made its certificates, and who moved it through its life.
 *
 * @param batch       the batch (work order, product, role, strategy, profile, quantity, status)
 * @param stationId   the station that recorded the batch, as its audit trail names it
 * @param caChain     the CA's certificates, issuing first, each with its SHA-256 fingerprint
 * @param openedAt    when a supervisor first opened the batch, if ever
 * @param openedBy    who did
 * @param closedAt    when it was closed, if it was
 * @param closedBy    who closed it
 * @param generatedAt when this report was made
 * @param generatedBy who asked for it
 *
 * <p>Immutable and thread-safe.
 */
public record ReportHeader(Batch batch, String stationId, List<CaCertificate> caChain, Optional<Instant> openedAt, Optional<String> openedBy,
                           Optional<Instant> closedAt, Optional<String> closedBy, Instant generatedAt, String generatedBy) {

    public ReportHeader {
        caChain = List.copyOf(caChain);
    }

    /** One certificate of the CA chain as a report shows it. */
    public record CaCertificate(String subject, String sha256, Instant notAfter) {
    }
}

package io.imprint.station.report;

import io.imprint.station.audit.AuditFinding;
import io.imprint.station.audit.AuditVerification;
import io.imprint.station.audit.AuditVerifier;
import io.imprint.station.batch.Batch;
import io.imprint.station.batch.BatchRepository;
import io.imprint.station.report.ReportHeader.CaCertificate;
import io.imprint.station.report.ReportSections.AuditStatus;
import io.imprint.station.report.ReportSections.StepTiming;
import io.imprint.station.store.Sql;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Makes batch reports from the batch log: the summary and the per-device table read in one snapshot
 * (a station provisioning meanwhile changes neither half), the audit trail verified in full.
 *
 * <p>Thread-safe: holds no mutable state; each report uses its own connection.
 */
public final class Reports {

    private static final BatchRepository BATCHES = new BatchRepository();

    private final StationDatabase db;
    private final List<X509Certificate> caChain;
    private final AuditVerifier verifier;
    private final Clock clock;

    /**
     * @param caChain  the CA's certificates (issuing first) for the header's fingerprints; empty if unknown
     * @param verifier how the audit trail is checked: against trusted station keys, or those it records
     */
    public Reports(StationDatabase db, List<X509Certificate> caChain, AuditVerifier verifier, Clock clock) {
        this.db = db;
        this.caChain = List.copyOf(caChain);
        this.verifier = verifier;
        this.clock = clock;
    }

    /** The report's summary alone, as the Reports screen shows it (with {@link #audit()}). */
    public BatchReport summary(String batchId, String generatedBy) throws StoreException, ReportException {
        try (Snapshot tx = snapshot()) {
            return summary(tx.connection(), batchId, generatedBy);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** From the scan's step_millis column, or from attempt_steps where older attempts lack it. */
    private static List<StepTiming> steps(Connection tx, String batchId, AttemptScan scan) throws StoreException {
        return scan.untimedInRow == 0 ? scan.steps() : ReportQueries.stepRows(tx, batchId);
    }

    /**
     * Writes the whole report to {@code out}; returns how many devices it lists. The audit trail is
     * verified on a thread of its own, in its own snapshot, while the devices stream: on two cores it costs
     * no wall time, where it was as long again as a 100,000-device batch's table.
     */
    public long write(String batchId, String generatedBy, ReportFormat format, OutputStream out) throws StoreException, ReportException {
        try (Snapshot tx = snapshot(); ReportWriter writer = format.writer(out)) {
            Batch batch = batch(tx.connection(), batchId);
            if (!writer.summarised()) {
                writer.begin(BatchReport.headerOnly(header(tx.connection(), batch, generatedBy)));
                try (BatchAttempts attempts = BatchAttempts.open(tx.connection(), batchId)) {
                    long devices = DeviceLines.forEach(tx.connection(), batchId, attempts, writer::device);
                    writer.end(devices, null);
                    return devices;
                }
            }
            // The audit chain, a pass over the station's whole history, on a thread beside this one.
            FutureTask<AuditStatus> audit = background("report-audit", this::audit);
            try (BatchAttempts attempts = BatchAttempts.open(tx.connection(), batchId)) {
                writer.begin(summary(tx.connection(), batch, generatedBy, attempts.scan()));
                long devices = DeviceLines.forEach(tx.connection(), batchId, attempts, writer::device);
                writer.end(devices, outcome(audit));
                return devices;
            } finally {
                audit.cancel(true);
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private static <T> FutureTask<T> background(String name, java.util.concurrent.Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(work);
        Thread.ofPlatform().daemon().name(name).start(task);
        return task;
    }

    private static <T> T outcome(FutureTask<T> task) throws StoreException, ReportException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReportException("report interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreException s) {
                throw s;
            }
            throw new ReportException("cannot finish the report: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private StoreException failed(SQLException e) {
        return new StoreException("batch log " + db.file() + ": " + e.getMessage(), e);
    }

    /**
     * Writes the report to {@code file} through a temporary file beside it, so a failure (no such batch,
     * a full disk) leaves no half-written report and an older one stays as it was.
     */
    public long write(String batchId, String generatedBy, ReportFormat format, Path file) throws StoreException, ReportException {
        Path target = file.toAbsolutePath();
        // Refused before anything is made: no folder for a report of a batch that is not there.
        io.imprint.station.store.Transactions.inTransaction(db, tx -> batch(tx, batchId));
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
            long devices;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                devices = write(batchId, generatedBy, format, out);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return devices;
        } catch (IOException e) {
            throw new ReportException("cannot write the report " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // Only a leftover dot file; the error that matters is already on its way.
                }
            }
        }
    }

    private Snapshot snapshot() throws StoreException, SQLException {
        Connection c = db.connection();
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SNAPSHOT");
            c.setAutoCommit(false);
            return new Snapshot(c);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }

    /** A read-only transaction that sees the database as of its first read; the pooled connection goes back as it came. */
    private record Snapshot(Connection connection) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            try (Connection c = connection; Statement s = c.createStatement()) {
                c.rollback();
                s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED");
                c.setAutoCommit(true);
            }
        }
    }

    private static Batch batch(Connection tx, String batchId) throws StoreException, ReportException {
        return BATCHES.find(tx, batchId).orElseThrow(() -> ReportException.noSuchBatch(batchId));
    }

    private BatchReport summary(Connection tx, String batchId, String generatedBy) throws StoreException, ReportException {
        Batch batch = batch(tx, batchId);
        try (BatchAttempts attempts = BatchAttempts.open(tx, batchId)) {
            return summary(tx, batch, generatedBy, attempts.scan());
        }
    }

    private BatchReport summary(Connection tx, Batch batch, String generatedBy, AttemptScan scan) throws StoreException, ReportException {
        return new BatchReport(header(tx, batch, generatedBy), ReportQueries.counts(tx, batch.id(), batch.quantity(), scan), scan.failures(),
                scan.slots(), scan.cycleTimes(), steps(tx, batch.id(), scan), scan.throughput(), scan.operators(), ReportQueries.revocations(tx, batch.id()));
    }

    private ReportHeader header(Connection tx, Batch batch, String generatedBy) throws StoreException, ReportException {
        record Event(String action, String actor, Instant at, String station) {
        }
        List<Event> events = Sql.query(tx, "SELECT action, actor, occurred_at, station_id FROM audit_events WHERE subject = ?"
                        + " AND action IN ('batch.created', 'batch.opened', 'batch.closed') ORDER BY seq",
                rs -> new Event(rs.getString(1), rs.getString(2), Sql.instant(rs, "occurred_at"), rs.getString(4)), batch.id());
        Optional<Event> created = events.stream().filter(e -> e.action().equals("batch.created")).findFirst();
        Optional<Event> opened = events.stream().filter(e -> e.action().equals("batch.opened")).findFirst();
        Optional<Event> closed = events.stream().filter(e -> e.action().equals("batch.closed")).reduce((a, b) -> b);
        String station = created.map(Event::station).orElseGet(() -> events.isEmpty() ? "(unknown)" : events.getFirst().station());
        return new ReportHeader(batch, station, caCertificates(), opened.map(Event::at), opened.map(Event::actor), closed.map(Event::at),
                closed.map(Event::actor), clock.instant(), generatedBy);
    }

    private List<CaCertificate> caCertificates() throws ReportException {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            List<CaCertificate> list = new java.util.ArrayList<>();
            for (X509Certificate c : caChain) {
                list.add(new CaCertificate(c.getSubjectX500Principal().getName(), HexFormat.of().formatHex(sha256.digest(c.getEncoded())),
                        c.getNotAfter().toInstant()));
            }
            return list;
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new ReportException("cannot read the CA chain for the report: " + e.getMessage(), e);
        }
    }

    /** Verifies the whole audit trail (every hash, link and checkpoint signature) as a report states it. */
    public AuditStatus audit() throws StoreException {
        AuditVerification v = verifier.verifyDatabase(db);
        try (Connection c = db.connection()) {
            List<Object[]> last = Sql.query(c, "SELECT seq, signed_at FROM audit_checkpoints ORDER BY seq DESC LIMIT 1",
                    rs -> new Object[] {rs.getLong(1), Sql.instant(rs, "signed_at")});
            return new AuditStatus(v.ok(), v.rows(), v.checkpoints(), v.problems().stream().map(AuditFinding::message).toList(),
                    v.warnings().stream().map(AuditFinding::message).toList(), last.isEmpty() ? 0 : (long) last.getFirst()[0],
                    last.isEmpty() ? null : (Instant) last.getFirst()[1]);
        } catch (SQLException e) {
            throw failed(e);
        }
    }
}

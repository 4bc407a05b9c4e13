package io.imprint.station.bench;

import io.imprint.station.audit.AuditEvent;
import io.imprint.station.audit.AuditTrail;
import io.imprint.station.audit.MemoryChainSigner;
import io.imprint.station.batch.Batch;
import io.imprint.station.batch.BatchStatus;
import io.imprint.station.batch.Batches;
import io.imprint.station.batch.Strategy;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import io.imprint.station.util.JsonText;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;

/**
 * Seeds a batch log with one large batch as a shift of several days would leave it: every device with its
 * certificate, attempts (one in twelve boards failed once before it passed) with their step timings over
 * eight slots and three operators, and the audit events of it all, hash-chained and checkpointed. Rows go
 * in through batched statements; the audit events through the real {@link AuditTrail}.
 *
 * <p>Not thread-safe.
 */
final class ReportBenchData {

    static final String BATCH = "WO-BENCH";
    private static final String[] REASONS = {"Board stopped answering", "Board made a faulty key request", "Garbled answers from the board",
        "Board refused to store its credentials", "Board is on another slot at the same time (cloned id?)", "Certificate did not verify on the board"};
    private static final String[] STEPS = {"IDENTIFIED", "CHECKED", "KEY_CSR", "SIGNED", "INSTALLED", "VERIFIED", "LOCKED", "PASSED"};
    private static final String PEM = "-----BEGIN CERTIFICATE-----\n" + "MIIB".repeat(150) + "\n-----END CERTIFICATE-----\n";

    private ReportBenchData() {
    }

    /** Seeds {@code devices} devices into a new batch of {@code db}; returns the audit events written. */
    static long seed(StationDatabase db, int devices) throws StoreException, SQLException, GeneralSecurityException {
        return seed(db, devices, PEM, Batch.CloudAttributes.none(), true);
    }

    /**
     * Seeds {@code devices} devices, each with {@code pem} as its certificate, into a new batch with
     * {@code cloud} attributes. Without {@code history} only the devices and certificates go in (no
     * attempts, no audit events): what an export reads, seeded in a tenth of the time.
     */
    static long seed(StationDatabase db, int devices, String pem, Batch.CloudAttributes cloud, boolean history)
            throws StoreException, SQLException, GeneralSecurityException {
        AuditTrail audit = new AuditTrail("bench-station", new MemoryChainSigner(), 100, Clock.systemUTC());
        Batches batches = new Batches(db, audit, Clock.systemUTC());
        try {
            batches.create(new Batch(BATCH, "Bench sensor", "telemetry", devices, Strategy.KEY_ON_BOARD, "device", BatchStatus.CREATED,
                    cloud, "bench", Instant.now()), "bench");
            batches.open(BATCH, "bench");
        } catch (io.imprint.station.batch.BatchException e) {
            throw new StoreException(e.getMessage(), e);
        }
        Random random = new Random(42);
        Instant start = Instant.now().minusSeconds(devices * 2L);
        long events = 0;
        long attemptId = 1_000_000;
        final int perTransaction = 2000;
        for (int from = 0; from < devices; from += perTransaction) {
            try (Connection tx = db.connection()) {
                tx.setAutoCommit(false);
                try (PreparedStatement dev = tx.prepareStatement("INSERT INTO devices (device_id, batch_id, chip_uid, hardware_revision, firmware_version,"
                        + " status, certificate_serial, first_seen_at, provisioned_at) VALUES (?,?,?,?,?,'PROVISIONED',?,?,?)");
                     PreparedStatement cert = tx.prepareStatement("INSERT INTO certificates (serial, device_id, batch_id, profile, pem, sha256,"
                             + " public_key_sha256, not_before, not_after, status, issued_at) VALUES (?,?,?,'device',?,?,?,?,?,'ACKNOWLEDGED',?)");
                     PreparedStatement att = tx.prepareStatement("INSERT INTO attempts (attempt_id, batch_id, slot, port, device_id, operator, step,"
                             + " outcome, failure_reason, certificate_serial, started_at, finished_at, step_millis) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
                     PreparedStatement steps = tx.prepareStatement("INSERT INTO attempt_steps (attempt_id, step, millis) VALUES (?,?,?)")) {
                    for (int i = from; i < Math.min(devices, from + perTransaction); i++) {
                        String id = "BENCH-%08d".formatted(i);
                        String serial = hex(random, 16);
                        String sha = hex(random, 32);
                        Instant at = start.plusMillis(i * 2000L + random.nextInt(1500));
                        String slot = "slot-" + (1 + i % 8);
                        String operator = new String[] {"alice", "bob", "chandra"}[(i / 4000) % 3];
                        if (history && i % 12 == 5) {
                            addAttempt(att, steps, ++attemptId, id, slot, operator, "KEY_CSR", "FAILED", REASONS[random.nextInt(REASONS.length)], null,
                                    at.minusMillis(9000), at.minusMillis(5000), random);
                            audit.append(tx, new AuditEvent(operator, "attempt.failed", id, JsonText.of("slot", slot)));
                            events++;
                        }
                        long cycle = 1500 + random.nextInt(900) + (random.nextInt(100) == 0 ? 6000 : 0);
                        if (history) {
                            addAttempt(att, steps, ++attemptId, id, slot, operator, "PASSED", "PASSED", null, serial, at.minusMillis(cycle), at, random);
                        }
                        dev.setString(1, id);
                        dev.setString(2, BATCH);
                        dev.setString(3, hex(random, 12));
                        dev.setString(4, "rev-C");
                        dev.setString(5, "1.4." + (i % 3));
                        dev.setString(6, serial);
                        dev.setTimestamp(7, Timestamp.from(at.minusMillis(cycle)));
                        dev.setTimestamp(8, Timestamp.from(at));
                        dev.addBatch();
                        cert.setString(1, serial);
                        cert.setString(2, id);
                        cert.setString(3, BATCH);
                        cert.setString(4, pem);
                        cert.setString(5, sha);
                        cert.setString(6, hex(random, 32));
                        cert.setTimestamp(7, Timestamp.from(at));
                        cert.setTimestamp(8, Timestamp.from(at.plusSeconds(20L * 365 * 86400)));
                        cert.setTimestamp(9, Timestamp.from(at));
                        cert.addBatch();
                        if (history) {
                            audit.append(tx, new AuditEvent(operator, "certificate.issued", serial, JsonText.of("deviceId", id)));
                            audit.append(tx, new AuditEvent(operator, "device.provisioned", id, JsonText.of("serial", serial)));
                            events += 2;
                        }
                    }
                    dev.executeBatch();
                    cert.executeBatch();
                    att.executeBatch();
                    steps.executeBatch();
                }
                tx.createStatement().executeUpdate("UPDATE batches SET counted_devices = counted_devices + "
                        + (Math.min(devices, from + perTransaction) - from) + " WHERE batch_id = '" + BATCH + "'");
                tx.commit();
            }
        }
        return events + 2;
    }

    private static void addAttempt(PreparedStatement att, PreparedStatement steps, long attemptId, String id, String slot, String operator, String step,
                                   String outcome, String reason, String serial, Instant started, Instant finished, Random random) throws SQLException {
        att.setLong(1, attemptId);
        att.setString(2, BATCH);
        att.setString(3, slot);
        att.setString(4, "/dev/ttyUSB" + slot.substring(5));
        att.setString(5, id);
        att.setString(6, operator);
        att.setString(7, step);
        att.setString(8, outcome);
        att.setString(9, reason);
        att.setString(10, serial);
        att.setTimestamp(11, Timestamp.from(started));
        att.setTimestamp(12, Timestamp.from(finished));
        int reached = outcome.equals("PASSED") ? STEPS.length : 3;
        java.util.Map<String, Long> timings = new java.util.LinkedHashMap<>();
        for (int s = 0; s < reached; s++) {
            long millis = s == 2 ? 800 + random.nextInt(400) : 20 + random.nextInt(120);
            timings.put(STEPS[s], millis);
            steps.setLong(1, attemptId);
            steps.setString(2, STEPS[s]);
            steps.setLong(3, millis);
            steps.addBatch();
        }
        // Both places the engine writes them (AttemptRecords.finish): the attempt's column and attempt_steps.
        att.setString(13, io.imprint.station.store.AttemptRecords.stepMillisText(timings));
        att.addBatch();
    }

    private static String hex(Random random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}

package io.imprint.station.store;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Provisioning attempts: one per board on a slot, with the step it reached, per-step timings, and how
 * it ended. An attempt with no outcome is unfinished: the station stopped while it ran.
 *
 * <p>Stateless and thread-safe.
 */
public final class AttemptRecords {

    /** An attempt that never finished. */
    public record Unfinished(long attemptId, String batchId, String slot, String deviceId, String step, String certificateSerial) {
    }

    public long start(Connection tx, String batchId, String slot, String port, String operator, Instant at) throws StoreException {
        return Sql.insert(tx, "INSERT INTO attempts (batch_id, slot, port, operator, step, started_at) VALUES (?,?,?,?,'DETECTED',?)",
                batchId, slot, port, operator, at);
    }

    public void step(Connection tx, long attemptId, String step, String deviceId, String serial) throws StoreException {
        Sql.update(tx, "UPDATE attempts SET step = ?, device_id = COALESCE(?, device_id), certificate_serial = COALESCE(?, certificate_serial) WHERE attempt_id = ?",
                step, deviceId, serial, attemptId);
    }

    /** How an attempt ended, as the schema's CHECK constraint allows it. */
    public enum Outcome { PASSED, FAILED, ABANDONED }

    public void finish(Connection tx, long attemptId, Outcome outcome, String reason, String nextAction, Map<String, Long> stepMillis, Instant at)
            throws StoreException {
        Sql.update(tx, "UPDATE attempts SET outcome = ?, failure_reason = ?, next_action = ?, finished_at = ?, step_millis = ? WHERE attempt_id = ?",
                outcome.name(), reason, nextAction, at, stepMillisText(stepMillis), attemptId);
        if (stepMillis.isEmpty()) {
            return;
        }
        // One statement for all steps: eight single-row statements were a tenth of the batch log writer's time.
        List<Object> params = new ArrayList<>(3 * stepMillis.size());
        stepMillis.forEach((step, millis) -> params.addAll(List.of(attemptId, step, millis)));
        Sql.update(tx, "MERGE INTO attempt_steps (attempt_id, step, millis) KEY (attempt_id, step) VALUES "
                + String.join(",", Collections.nCopies(stepMillis.size(), "(?,?,?)")), params.toArray());
    }

    /** The timings as the attempts.step_millis column holds them (V8): {@code STEP=millis} pairs joined by commas. */
    public static String stepMillisText(Map<String, Long> stepMillis) {
        StringBuilder text = new StringBuilder(16 * stepMillis.size());
        stepMillis.forEach((step, millis) -> text.append(text.isEmpty() ? "" : ",").append(step).append('=').append(millis));
        return text.toString();
    }

    public List<Unfinished> unfinished(Connection tx) throws StoreException {
        return Sql.query(tx, "SELECT attempt_id, batch_id, slot, device_id, step, certificate_serial FROM attempts WHERE outcome IS NULL ORDER BY attempt_id",
                rs -> new Unfinished(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)));
    }
}

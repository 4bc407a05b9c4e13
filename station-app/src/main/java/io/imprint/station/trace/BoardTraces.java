package io.imprint.station.trace;

import io.imprint.station.engine.Step;
import io.imprint.station.store.Sql;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the trace of one board from the batch log. Device ids are matched exactly (they are
 * case-sensitive); when none matches, up to {@link #SUGGESTIONS} ids that contain the text in any case,
 * or start like it, are offered instead.
 *
 * <p>Stateless and thread-safe.
 */
public final class BoardTraces {

    /** At most this many "did you mean" ids. */
    public static final int SUGGESTIONS = 5;

    private final StationDatabase db;

    public BoardTraces(StationDatabase db) {
        this.db = db;
    }

    public TraceLookup trace(String deviceId) throws StoreException {
        String id = deviceId.strip();
        return ReadSnapshot.read(db, tx -> {
            Optional<DeviceTrace.Device> device = device(tx, id);
            if (device.isEmpty()) {
                return new TraceLookup.NotFound(id, suggestions(tx, id));
            }
            List<DeviceTrace.Attempt> attempts = attempts(tx, id);
            List<DeviceTrace.Certificate> certificates = certificates(tx, id);
            return new TraceLookup.Found(new DeviceTrace(device.get(), attempts, certificates, claims(tx, id),
                    events(tx, id, serials(device.get(), attempts, certificates))));
        });
    }

    private static Optional<DeviceTrace.Device> device(Connection tx, String id) throws StoreException {
        return Sql.query(tx, "SELECT device_id, batch_id, status, chip_uid, hardware_revision, firmware_version, certificate_serial, first_seen_at, "
                + "provisioned_at, reprovision_by FROM devices WHERE device_id = ?",
                rs -> new DeviceTrace.Device(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), Sql.instant(rs, "first_seen_at"), Sql.instant(rs, "provisioned_at"), rs.getString(10)), id)
                .stream().findFirst();
    }

    private static List<DeviceTrace.Attempt> attempts(Connection tx, String id) throws StoreException {
        Map<Long, List<DeviceTrace.StepTime>> steps = Sql.query(tx, "SELECT s.attempt_id, s.step, s.millis FROM attempt_steps s "
                        + "JOIN attempts a ON a.attempt_id = s.attempt_id WHERE a.device_id = ?",
                rs -> Map.entry(rs.getLong(1), new DeviceTrace.StepTime(rs.getString(2), rs.getLong(3))), id)
                .stream().collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return Sql.query(tx, "SELECT attempt_id, batch_id, slot, port, operator, step, outcome, failure_reason, next_action, certificate_serial, "
                + "started_at, finished_at FROM attempts WHERE device_id = ? ORDER BY started_at, attempt_id",
                rs -> new DeviceTrace.Attempt(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), Sql.instant(rs, "started_at"),
                        Sql.instant(rs, "finished_at"), inStepOrder(steps.getOrDefault(rs.getLong(1), List.of()))), id);
    }

    /** The engine's step order; a step this build does not know goes last, by name. */
    static List<DeviceTrace.StepTime> inStepOrder(List<DeviceTrace.StepTime> steps) {
        List<DeviceTrace.StepTime> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparingInt((DeviceTrace.StepTime s) -> ordinal(s.step())).thenComparing(DeviceTrace.StepTime::step));
        return sorted;
    }

    private static int ordinal(String step) {
        try {
            return Step.valueOf(step).ordinal();
        } catch (IllegalArgumentException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static List<DeviceTrace.Certificate> certificates(Connection tx, String id) throws StoreException {
        return Sql.query(tx, "SELECT serial, batch_id, profile, sha256, not_before, not_after, status, issued_at, revoked_at, revocation_reason "
                + "FROM certificates WHERE device_id = ? ORDER BY issued_at, serial",
                rs -> new DeviceTrace.Certificate(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), Sql.instant(rs, "not_before"),
                        Sql.instant(rs, "not_after"), rs.getString(7), Sql.instant(rs, "issued_at"), Sql.instant(rs, "revoked_at"), rs.getString(10)), id);
    }

    private static List<DeviceTrace.ClaimDelivery> claims(Connection tx, String id) throws StoreException {
        return Sql.query(tx, "SELECT batch_id, certificate_sha256, delivered_at FROM claim_recipients WHERE device_id = ? ORDER BY delivered_at",
                rs -> new DeviceTrace.ClaimDelivery(rs.getString(1), rs.getString(2), Sql.instant(rs, "delivered_at")), id);
    }

    /** Every serial the log ties to the board: its certificates, and any an attempt reached before its certificate row was lost. */
    private static Set<String> serials(DeviceTrace.Device device, List<DeviceTrace.Attempt> attempts, List<DeviceTrace.Certificate> certificates) {
        Set<String> serials = new LinkedHashSet<>();
        certificates.forEach(c -> serials.add(c.serial()));
        attempts.stream().map(DeviceTrace.Attempt::certificateSerial).filter(s -> s != null).forEach(serials::add);
        if (device.certificateSerial() != null) {
            serials.add(device.certificateSerial());
        }
        return serials;
    }

    private static List<DeviceTrace.Event> events(Connection tx, String id, Set<String> serials) throws StoreException {
        List<Object> subjects = new ArrayList<>(serials.size() + 1);
        subjects.add(id);
        subjects.addAll(serials);
        return Sql.query(tx, "SELECT seq, occurred_at, station_id, actor, action, subject, details FROM audit_events WHERE subject IN ("
                + String.join(",", Collections.nCopies(subjects.size(), "?")) + ") ORDER BY seq",
                rs -> new DeviceTrace.Event(rs.getLong(1), Sql.instant(rs, "occurred_at"), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7)), subjects.toArray());
    }

    /** Ids containing the text in any case; failing that, ids that share all but its last character (a typo at the end). */
    private static List<String> suggestions(Connection tx, String id) throws StoreException {
        if (id.isEmpty()) {
            return List.of();
        }
        List<String> near = like(tx, "%" + escape(id.toUpperCase(java.util.Locale.ROOT)) + "%");
        if (near.isEmpty() && id.length() > 3) {
            near = like(tx, escape(id.substring(0, id.length() - 1).toUpperCase(java.util.Locale.ROOT)) + "%");
        }
        return near;
    }

    private static List<String> like(Connection tx, String pattern) throws StoreException {
        return Sql.query(tx, "SELECT device_id FROM devices WHERE UPPER(device_id) LIKE ? ESCAPE '\\' ORDER BY device_id FETCH FIRST "
                + SUGGESTIONS + " ROWS ONLY", rs -> rs.getString(1), pattern);
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}

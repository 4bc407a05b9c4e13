package io.imprint.station.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The little wording a trace shares between the command line and the station screen: times in UTC to
 * the second, durations in seconds, step timings in step order.
 *
 * <p>Thread-safe: its one JSON mapper is configured once and only read.
 */
public final class TraceFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private TraceFormat() {
    }

    /** "2026-12-03 16:50:01Z", or "-" for none. */
    public static String time(Instant t) {
        return t == null ? "-" : TIME.format(t);
    }

    /** "1.24 s", or "-" for none. */
    public static String duration(Duration d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
    }

    /** "DETECTED 12 ms · IDENTIFIED 3 ms · …". */
    public static String steps(List<DeviceTrace.StepTime> steps) {
        return steps.isEmpty() ? "-" : steps.stream().map(s -> s.step() + " " + s.millis() + " ms").collect(Collectors.joining(" · "));
    }

    /** "PASSED", "FAILED at INSTALLED", or "unfinished at SIGNED". */
    public static String outcome(DeviceTrace.Attempt a) {
        if (a.outcome() == null) {
            return "unfinished at " + a.stepReached();
        }
        return a.outcome().equals("PASSED") ? "PASSED" : a.outcome() + " at " + a.stepReached();
    }

    /** "REVOKED 2026-… (superseded)" or the status alone. */
    public static String status(DeviceTrace.Certificate c) {
        return c.revokedAt() == null ? c.status() : c.status() + " " + time(c.revokedAt()) + " (" + c.revocationReason() + ")";
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * An audit event's details as "key value · key value", the board's own id left out, and the
     * certificate named first when the event is about one: raw JSON is hard to read at the line. With
     * {@code shortHashes} a SHA-256 shows its first 12 digits, enough to compare on a screen.
     */
    public static String details(DeviceTrace.Event e, String deviceId, boolean shortHashes) {
        String about = e.subject().equals(deviceId) ? "" : "certificate " + e.subject();
        String fields;
        try {
            List<String> parts = new ArrayList<>();
            JSON.readTree(e.details()).properties().forEach(f -> {
                String v = f.getValue().isValueNode() ? f.getValue().asText() : f.getValue().toString();
                if (shortHashes && f.getKey().toLowerCase(Locale.ROOT).endsWith("sha256") && v.length() > 12) {
                    v = v.substring(0, 12) + "…";
                }
                if (!(f.getKey().equals("deviceId") && v.equals(deviceId))) {
                    parts.add(f.getKey() + " " + v);
                }
            });
            fields = String.join(" · ", parts);
        } catch (JsonProcessingException | RuntimeException ex) {
            fields = e.details();
        }
        return about.isEmpty() ? fields : fields.isEmpty() ? about : about + " · " + fields;
    }

    /** The text, or "-" for none. */
    public static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}

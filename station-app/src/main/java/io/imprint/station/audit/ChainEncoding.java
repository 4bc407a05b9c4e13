package io.imprint.station.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The exact bytes the audit chain hashes and signs. Verifiers away from the station reproduce them
 * from an export, so the encoding is fixed here, versioned by its tag, and never changed in place.
 *
 * <p>Every field is written as a netstring: the decimal count of its UTF-8 bytes (no sign, no
 * leading zeros), {@code ':'}, the bytes, {@code ','}. Length prefixes make the encoding unambiguous
 * whatever the fields contain (separators, newlines, empty strings).
 *
 * <p><b>Event hash</b> = lower-case hex SHA-256 of the netstrings of, in this order:
 * {@code "imprint-audit-event-v1"}, seq in decimal, occurred_at, station_id, actor, action, subject,
 * details (the JSON text exactly as stored), prev_hash (lower-case hex; 64 {@code '0'} for seq 1).
 * Times are UTC as {@code uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'}: always six fraction digits, the
 * precision the database keeps. Example: seq 1 at 2025-01-02T03:04:05.000006Z by station "st-1",
 * actor "alice", action "batch.open", subject "WO-1", details {@code {}} hashes the bytes
 * {@code 22:imprint-audit-event-v1,1:1,27:2025-01-02T03:04:05.000006Z,4:st-1,5:alice,10:batch.open,4:WO-1,2:{},64:000…000,}
 * (64 zeros), whose hash is {@code 4015e2b6707a17cd1c7867490cbe1c8e03b664b0079f244b737c260de5acdee9}.
 *
 * <p><b>Checkpoint signature</b> is over the netstrings of {@code "imprint-audit-checkpoint-v1"},
 * seq, head_hash, signed_at (same time format), with the algorithm {@link #signatureAlgorithm} names
 * for the key; ECDSA signatures are DER-encoded.
 *
 * <p>Stateless and thread-safe.
 */
public final class ChainEncoding {

    public static final String GENESIS = "0".repeat(64);
    static final String EVENT_TAG = "imprint-audit-event-v1";
    static final String CHECKPOINT_TAG = "imprint-audit-checkpoint-v1";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private ChainEncoding() {
    }

    /** The hash an event with these fields must carry. */
    public static String eventHash(long seq, Instant occurredAt, String stationId, String actor, String action,
                                   String subject, String details, String prevHash) {
        // Fed to the digest field by field, not built into one array first: a report verifies the station's
        // whole chain, 200,000 events for a 100,000-device batch, and this is most of its CPU.
        MessageDigest digest = DIGEST.get();
        for (String field : new String[] {EVENT_TAG, Long.toString(seq), time(occurredAt), stationId, actor, action, subject, details, prevHash}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) ':');
            digest.update(bytes);
            digest.update((byte) ',');
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    });

    /** The bytes a checkpoint's signature covers. */
    public static byte[] checkpointMessage(long seq, String headHash, Instant signedAt) {
        return netstrings(CHECKPOINT_TAG, Long.toString(seq), headHash, time(signedAt));
    }

    /** The fixed-precision UTC text of an instant, as hashed. */
    public static String time(Instant instant) {
        Instant t = truncate(instant);
        long seconds = t.getEpochSecond();
        if (seconds < 0 || seconds >= YEAR_10000) {
            return TIME.format(t);
        }
        // The same text as TIME, written out by hand: the formatter was a third of hashing an event.
        java.time.LocalDateTime d = java.time.LocalDateTime.ofEpochSecond(seconds, t.getNano(), ZoneOffset.UTC);
        char[] c = "0000-00-00T00:00:00.000000Z".toCharArray();
        digits(c, 0, d.getYear(), 4);
        digits(c, 5, d.getMonthValue(), 2);
        digits(c, 8, d.getDayOfMonth(), 2);
        digits(c, 11, d.getHour(), 2);
        digits(c, 14, d.getMinute(), 2);
        digits(c, 17, d.getSecond(), 2);
        digits(c, 20, t.getNano() / 1000, 6);
        return new String(c);
    }

    /** 10000-01-01T00:00:00Z: from there on the formatter's year has five digits and a sign. */
    private static final long YEAR_10000 = 253402300800L;

    private static void digits(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** An instant cut to the microseconds the database keeps, so what is stored is what was hashed. */
    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static byte[] netstrings(String... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        for (String field : fields) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            out.write(':');
            out.writeBytes(bytes);
            out.write(',');
        }
        return out.toByteArray();
    }
}

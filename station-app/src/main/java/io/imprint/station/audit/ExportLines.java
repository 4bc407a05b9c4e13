package io.imprint.station.audit;

import java.security.PublicKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The lines of an audit export and their fields. Times are written as {@link ChainEncoding#time},
 * the same text the hash covers.
 * <pre>
 * {"type":"header","format":"imprint-audit-export-v1","hash_encoding":"imprint-audit-event-v1","exported_at":T,"head_seq":N,"head_hash":H}
 * {"type":"signer","key_id":H,"public_key":PEM}
 * {"type":"checkpoint","seq":N,"head_hash":H,"signed_at":T,"signature":BASE64,"signer_key_id":H}
 * {"type":"event","seq":N,"occurred_at":T,"station_id":S,"actor":S,"action":S,"subject":S,"details":S,"prev_hash":H,"hash":H}
 * </pre>
 * Stateless and thread-safe.
 */
final class ExportLines {

    static final String HEADER = "header";
    static final String SIGNER = "signer";
    static final String CHECKPOINT = "checkpoint";
    static final String EVENT = "event";
    static final String FORMAT = "imprint-audit-export-v1";

    private ExportLines() {
    }

    static Map<String, Object> header(Optional<ChainHead> head, Instant exportedAt) {
        Map<String, Object> line = typed(HEADER);
        line.put("format", FORMAT);
        line.put("hash_encoding", ChainEncoding.EVENT_TAG);
        line.put("exported_at", ChainEncoding.time(exportedAt));
        line.put("head_seq", head.map(ChainHead::seq).orElse(null));
        line.put("head_hash", head.map(ChainHead::hash).orElse(null));
        return line;
    }

    static Map<String, Object> signer(PublicKey key) {
        Map<String, Object> line = typed(SIGNER);
        line.put("key_id", StationKeys.keyId(key));
        line.put("public_key", StationKeys.pem(key));
        return line;
    }

    static Map<String, Object> checkpoint(AuditCheckpoint c) {
        Map<String, Object> line = typed(CHECKPOINT);
        line.put("seq", c.seq());
        line.put("head_hash", c.headHash());
        line.put("signed_at", ChainEncoding.time(c.signedAt()));
        line.put("signature", Base64.getEncoder().encodeToString(c.signature()));
        line.put("signer_key_id", c.signerKeyId());
        return line;
    }

    static Map<String, Object> event(AuditRow row) {
        Map<String, Object> line = typed(EVENT);
        line.put("seq", row.seq());
        line.put("occurred_at", ChainEncoding.time(row.occurredAt()));
        line.put("station_id", row.stationId());
        line.put("actor", row.actor());
        line.put("action", row.action());
        line.put("subject", row.subject());
        line.put("details", row.details());
        line.put("prev_hash", row.prevHash());
        line.put("hash", row.hash());
        return line;
    }

    static String type(Map<String, Object> line) {
        return text(line, "type");
    }

    static Optional<ChainHead> head(Map<String, Object> line) {
        if (!FORMAT.equals(line.get("format"))) {
            throw new IllegalArgumentException("format \"" + line.get("format") + "\" is not " + FORMAT);
        }
        if (line.get("head_seq") == null) {
            return Optional.empty();
        }
        return Optional.of(new ChainHead(number(line, "head_seq"), text(line, "head_hash")));
    }

    static AuditCheckpoint checkpoint(Map<String, Object> line) {
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(text(line, "signature"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signature is not base64", e);
        }
        return new AuditCheckpoint(number(line, "seq"), text(line, "head_hash"), time(line, "signed_at"), signature, text(line, "signer_key_id"));
    }

    static AuditRow event(Map<String, Object> line) {
        return new AuditRow(number(line, "seq"), time(line, "occurred_at"), text(line, "station_id"), text(line, "actor"),
                text(line, "action"), text(line, "subject"), text(line, "details"), text(line, "prev_hash"), text(line, "hash"));
    }

    static String text(Map<String, Object> line, String field) {
        if (line.get(field) instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("field \"" + field + "\" is " + (line.containsKey(field) ? "not a string" : "missing"));
    }

    private static long number(Map<String, Object> line, String field) {
        if (line.get(field) instanceof Long n) {
            return n;
        }
        throw new IllegalArgumentException("field \"" + field + "\" is " + (line.containsKey(field) ? "not an integer" : "missing"));
    }

    private static Instant time(Map<String, Object> line, String field) {
        try {
            return Instant.parse(text(line, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field \"" + field + "\" is not an ISO-8601 UTC time", e);
        }
    }

    private static Map<String, Object> typed(String type) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", type);
        return line;
    }
}

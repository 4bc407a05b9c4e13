package io.imprint.ca.ceremony;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.imprint.ca.CaException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public record of a key ceremony ({@code ceremony.json}), through Jackson: the CA module's own
 * mapper, since it depends on no station code. Reading is strict like the station's (a duplicate key is
 * refused), so a record cannot tell two readers two things.
 *
 * <p>Thread-safe: the mapper is configured once and only used after.
 */
public final class CeremonyRecord {

    /** The CA module's JSON settings, shared. */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** One key of the ceremony; nothing secret (label, algorithm, subject, certificate fingerprint). */
    public record Key(String role, String label, String algorithm, String subject, String certificateSha256) {
    }

    private CeremonyRecord() {
    }

    /** The record as indented JSON text ending in a newline, fields in the order given. */
    static String write(String time, String operator, String keyUri, List<Key> keys) throws CaException {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("ceremony", "imprint ca init");
        record.put("time", time);
        record.put("operator", operator);
        record.put("keyUri", keyUri);
        record.put("keys", keys);
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(record) + "\n";
        } catch (JsonProcessingException e) {
            throw new CaException("cannot write the ceremony record: " + e.getOriginalMessage(), e);
        }
    }
}

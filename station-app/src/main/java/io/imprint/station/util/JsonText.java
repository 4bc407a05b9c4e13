package io.imprint.station.util;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The station's small JSON texts (audit details, outbox payloads, batch attributes), through Jackson: one
 * configured mapper for the whole station, so every text is written and read the same way.
 *
 * <p>Reading is strict: a duplicate key is refused, so one text cannot tell two readers two things.
 *
 * <p>Stateless and thread-safe (Jackson's mapper is, once configured).
 */
public final class JsonText {

    /** For documents (exports, reports, registry bodies): the station's settings, shared. */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {
    };

    private JsonText() {
    }

    /** A JSON object of the entries in their order; values are strings, numbers, booleans, null or nested maps. */
    public static String object(Map<String, ?> entries) {
        try {
            return MAPPER.writeValueAsString(entries);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code JsonText.of("a", 1, "b", "x")}: keys and values in turn. */
    public static String of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values in pairs, got " + keysAndValues.length + " items");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object(map);
    }

    /** Reads a JSON object, keys in their order; a malformed text or a duplicate key is an IllegalArgumentException. */
    public static Map<String, Object> parseObject(String json) {
        try {
            return MAPPER.readValue(json, OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getOriginalMessage(), e);
        }
    }
}

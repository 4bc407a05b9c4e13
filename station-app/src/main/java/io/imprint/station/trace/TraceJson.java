package io.imprint.station.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Duration;
import java.time.Instant;

/**
 * A trace as JSON for other tools: the records as they are, instants as ISO-8601 UTC text and
 * durations as ISO-8601 durations (Jackson, no hand-written codec).
 *
 * <p>Thread-safe: the mapper is configured once and only used after.
 */
public final class TraceJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("trace-times")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addSerializer(Duration.class, ToStringSerializer.instance))
            .enable(SerializationFeature.INDENT_OUTPUT);

    private TraceJson() {
    }

    public static String of(DeviceTrace trace) {
        return write(trace);
    }

    /** The not-found answer: {"deviceId":…,"suggestions":[…]}. */
    public static String of(TraceLookup.NotFound notFound) {
        return write(notFound);
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a trace did not serialise: " + e.getOriginalMessage(), e);
        }
    }
}

package io.imprint.station.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import io.imprint.station.util.JsonText;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON shape exports use, through Jackson: a flat object of strings, integers and nulls on one
 * line. Parsing is strict (duplicate keys, nesting, other value types and trailing text are refused), so
 * a copy cannot say two things at once to two different readers.
 *
 * <p>Lines are written byte for byte as the hand-written writer before Jackson wrote them: control
 * characters as six-character escapes with lower-case hex (but {@code \n \r \t}), and U+2028/U+2029 escaped too, since
 * some line readers (JavaScript before ES2019, Python's {@code splitlines}) break a line there.
 *
 * <p>Stateless and thread-safe.
 */
final class ExportJson {

    private static final CharacterEscapes LINE_ESCAPES = new LineEscapes();

    private ExportJson() {
    }

    static String write(Map<String, ?> fields) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JsonText.MAPPER.getFactory().createGenerator(out)) {
            g.setCharacterEscapes(LINE_ESCAPES);
            g.writeStartObject();
            for (Map.Entry<String, ?> field : fields.entrySet()) {
                g.writeFieldName(field.getKey());
                switch (field.getValue()) {
                    case null -> g.writeNull();
                    case String s -> g.writeString(s);
                    case Long n -> g.writeNumber(n);
                    case Integer n -> g.writeNumber(n);
                    default -> throw new IllegalArgumentException("field " + field.getKey() + " is a " + field.getValue().getClass().getSimpleName());
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Values are {@link String}, {@link Long} or {@code null}; anything else is an IllegalArgumentException naming it. */
    static Map<String, Object> parse(String line) {
        JsonNode tree;
        try {
            tree = JsonText.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage() + " at column " + e.getLocation().getColumnNr(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : tree.properties()) {
            fields.put(field.getKey(), value(field.getKey(), field.getValue()));
        }
        return fields;
    }

    private static Object value(String name, JsonNode value) {
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        throw new IllegalArgumentException("field \"" + name + "\" is " + switch (value.getNodeType()) {
            case OBJECT, ARRAY -> "nested";
            case NUMBER -> "a number that is not a 64-bit integer";
            default -> "a " + value.getNodeType().name().toLowerCase() + ", not a string, an integer or null";
        });
    }

    /** The escapes of the hand-written export writer: see the class comment. */
    private static final class LineEscapes extends CharacterEscapes {

        private final int[] ascii = standardAsciiEscapesForJSON();

        LineEscapes() {
            for (int c = 0; c < 0x20; c++) {
                if (c != '\n' && c != '\r' && c != '\t') {
                    ascii[c] = ESCAPE_CUSTOM;
                }
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int c) {
            return c < 0x20 || c == 0x2028 || c == 0x2029 ? new SerializedString(String.format("\\u%04x", c)) : null;
        }
    }
}

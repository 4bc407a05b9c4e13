package io.imprint.station.util;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The little JSON the station writes (audit details, outbox payloads, batch attributes): flat objects
 * of strings, numbers and booleans, and the flat string maps it reads back. Not a general parser.
 *
 * <p>Stateless and thread-safe.
 */
public final class Json {

    private Json() {
    }

    /** A JSON object of the entries in order; values are strings, numbers, booleans, null or nested maps. */
    public static String object(Map<String, ?> entries) {
        StringBuilder b = new StringBuilder("{");
        entries.forEach((k, v) -> {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(string(k)).append(':').append(value(v));
        });
        return b.append('}').toString();
    }

    /** {@code Json.of("a", 1, "b", "x")}. */
    public static String of(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object(map);
    }

    private static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, x) -> copy.put(String.valueOf(k), x));
            return object(copy);
        }
        return string(v.toString());
    }

    public static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** Reads back a flat object of string values as written by {@link #object}. */
    public static Map<String, String> parseFlatStrings(String json) {
        Map<String, String> map = new LinkedHashMap<>();
        String s = json.strip();
        if (!s.startsWith("{") || !s.endsWith("}")) {
            throw new IllegalArgumentException("not a JSON object: " + json);
        }
        int[] pos = {1};
        skipSpace(s, pos);
        while (s.charAt(pos[0]) != '}') {
            String key = readString(s, pos);
            skipSpace(s, pos);
            expect(s, pos, ':');
            skipSpace(s, pos);
            map.put(key, readString(s, pos));
            skipSpace(s, pos);
            if (s.charAt(pos[0]) == ',') {
                pos[0]++;
                skipSpace(s, pos);
            }
        }
        return map;
    }

    private static String readString(String s, int[] pos) {
        expect(s, pos, '"');
        StringBuilder b = new StringBuilder();
        while (s.charAt(pos[0]) != '"') {
            char c = s.charAt(pos[0]++);
            if (c == '\\') {
                char e = s.charAt(pos[0]++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(pos[0], pos[0] + 4), 16));
                        pos[0] += 4;
                    }
                    default -> b.append(e);
                }
            } else {
                b.append(c);
            }
        }
        pos[0]++;
        return b.toString();
    }

    private static void expect(String s, int[] pos, char c) {
        if (s.charAt(pos[0]) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + pos[0] + " in " + s);
        }
        pos[0]++;
    }

    private static void skipSpace(String s, int[] pos) {
        while (Character.isWhitespace(s.charAt(pos[0]))) {
            pos[0]++;
        }
    }
}

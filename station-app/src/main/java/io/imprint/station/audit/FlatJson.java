package io.imprint.station.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one JSON shape exports use: a flat object of strings, integers and nulls on one line. Parsing
 * is strict (duplicate keys, nesting and trailing text are refused), so a copy cannot say two things
 * at once to two different readers.
 *
 * <p>Stateless and thread-safe.
 */
final class FlatJson {

    private FlatJson() {
    }

    static String write(Map<String, ?> fields) {
        StringBuilder out = new StringBuilder(256).append('{');
        fields.forEach((name, value) -> {
            if (out.length() > 1) {
                out.append(',');
            }
            string(out, name).append(':');
            switch (value) {
                case null -> out.append("null");
                case String s -> string(out, s);
                case Long n -> out.append(n);
                case Integer n -> out.append(n);
                default -> throw new IllegalArgumentException("field " + name + " is a " + value.getClass().getSimpleName());
            }
        });
        return out.append('}').toString();
    }

    /** Values are {@link String}, {@link Long} or {@code null}. */
    static Map<String, Object> parse(String line) {
        Parser p = new Parser(line);
        Map<String, Object> fields = new LinkedHashMap<>();
        p.expect('{');
        if (!p.take('}')) {
            do {
                String name = p.string();
                p.expect(':');
                if (fields.containsKey(name)) {
                    throw new IllegalArgumentException("field \"" + name + "\" appears twice");
                }
                fields.put(name, p.value());
            } while (p.take(','));
            p.expect('}');
        }
        p.end();
        return fields;
    }

    private static StringBuilder string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        Object value() {
            skipSpace();
            if (at < text.length() && text.charAt(at) == '"') {
                return string();
            }
            if (text.startsWith("null", at)) {
                at += 4;
                return null;
            }
            int start = at;
            if (at < text.length() && text.charAt(at) == '-') {
                at++;
            }
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            if (start == at || text.charAt(at - 1) == '-') {
                throw new IllegalArgumentException("expected a string, an integer or null at column " + (start + 1));
            }
            return Long.parseLong(text.substring(start, at));
        }

        String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                if (at >= text.length()) {
                    throw new IllegalArgumentException("unterminated string");
                }
                char c = text.charAt(at++);
                if (c == '"') {
                    return out.toString();
                }
                if (c < 0x20) {
                    throw new IllegalArgumentException("raw control character in a string at column " + at);
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = at < text.length() ? text.charAt(at++) : '?';
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw new IllegalArgumentException("short \\u escape at column " + at);
                        }
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        at += 4;
                    }
                    default -> throw new IllegalArgumentException("unknown escape \\" + e + " at column " + at);
                }
            }
        }

        void expect(char c) {
            if (!take(c)) {
                throw new IllegalArgumentException("expected '" + c + "' at column " + (at + 1));
            }
        }

        boolean take(char c) {
            skipSpace();
            if (at < text.length() && text.charAt(at) == c) {
                at++;
                return true;
            }
            return false;
        }

        void end() {
            skipSpace();
            if (at != text.length()) {
                throw new IllegalArgumentException("unexpected text after the object at column " + (at + 1));
            }
        }

        private void skipSpace() {
            while (at < text.length() && " \t\r".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }
    }
}

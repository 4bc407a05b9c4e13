package io.imprint.device.nrf91;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How a simulated modem reads what the host sends: command lines, and their parameters.
 *
 * <p>Stateless and thread-safe, except {@link Splitter}, which one reader thread owns.
 */
final class CommandLines {

    private CommandLines() {
    }

    /** Comma-separated parameters after {@code head}; a quoted one is its content verbatim (a PEM keeps its last newline). */
    static List<String> parameters(String command, String head) {
        List<String> out = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        StringBuilder inQuotes = null;
        boolean quoted = false;
        for (char c : command.substring(head.length()).toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                if (quoted && inQuotes == null) {
                    inQuotes = new StringBuilder();
                }
            } else if (c == ',' && !quoted) {
                out.add(inQuotes != null ? inQuotes.toString() : plain.toString().strip());
                plain.setLength(0);
                inQuotes = null;
            } else if (quoted) {
                inQuotes.append(c);
            } else {
                plain.append(c);
            }
        }
        out.add(inQuotes != null ? inQuotes.toString() : plain.toString().strip());
        return out;
    }

    /**
     * Cuts the incoming bytes into command lines: a CR or LF ends a command unless it is inside quotes,
     * where %CMNG's PEM content keeps its real newlines.
     */
    static final class Splitter {
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();
        private boolean quoted;

        List<String> feed(byte[] data, int length) {
            List<String> commands = new ArrayList<>();
            for (int i = 0; i < length; i++) {
                byte b = data[i];
                if (b == '"') {
                    quoted = !quoted;
                }
                if ((b == '\r' || b == '\n') && !quoted) {
                    String command = current.toString(StandardCharsets.ISO_8859_1).strip();
                    current.reset();
                    if (!command.isEmpty()) {
                        commands.add(command);
                    }
                } else {
                    current.write(b);
                }
            }
            return commands;
        }
    }
}

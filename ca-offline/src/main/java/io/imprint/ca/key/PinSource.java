package io.imprint.ca.key;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where a PIN comes from: {@code file:/path} (first line of the file), {@code env:NAME}, or, when the
 * key URI names no source, a prompt on the console. The PIN is returned as a char array the caller
 * wipes; it never appears in a message.
 *
 * <p>Stateless and thread-safe.
 */
public final class PinSource {

    private PinSource() {
    }

    public static char[] read(Optional<String> source, String what) throws KeyManagerException {
        if (source.isEmpty()) {
            return prompt(what);
        }
        String spec = source.get();
        if (spec.startsWith("env:")) {
            String name = spec.substring(4);
            String value = System.getenv(name);
            if (value == null || value.isEmpty()) {
                throw new KeyManagerException("PIN for " + what + ": environment variable " + name + " is not set");
            }
            return value.toCharArray();
        }
        if (spec.startsWith("file:")) {
            Path file = Path.of(spec.substring(5).replaceFirst("^//", ""));
            try {
                byte[] bytes = Files.readAllBytes(file);
                try {
                    String text = new String(bytes, StandardCharsets.UTF_8);
                    int end = text.indexOf('\n');
                    String line = (end < 0 ? text : text.substring(0, end)).strip();
                    if (line.isEmpty()) {
                        throw new KeyManagerException("PIN for " + what + ": file " + file + " is empty");
                    }
                    return line.toCharArray();
                } finally {
                    Arrays.fill(bytes, (byte) 0);
                }
            } catch (IOException e) {
                throw new KeyManagerException("PIN for " + what + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        throw new KeyManagerException("PIN for " + what + ": pin-source '" + spec + "' is not supported (use file:/path or env:NAME)");
    }

    private static char[] prompt(String what) throws KeyManagerException {
        Console console = System.console();
        if (console == null) {
            throw new KeyManagerException("PIN for " + what + " is needed but there is no console to ask on: add ?pin-source=file:/path or ?pin-source=env:NAME to the key URI");
        }
        char[] pin = console.readPassword("PIN for %s: ", what);
        if (pin == null || pin.length == 0) {
            throw new KeyManagerException("PIN for " + what + ": none entered");
        }
        return pin;
    }
}

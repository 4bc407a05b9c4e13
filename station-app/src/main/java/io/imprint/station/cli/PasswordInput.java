package io.imprint.station.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Reads a new password for {@code imprint user}: the first line of a file, or typed twice at the
 * console with echo off. Never as a {@code String}, which could not be wiped; the caller wipes the
 * array it gets.
 *
 * <p>Stateless and thread-safe.
 */
final class PasswordInput {

    private PasswordInput() {
    }

    static char[] read(CommandLine cli, Path file, String user) throws IOException {
        return file != null ? fromFile(cli, file) : fromConsole(cli, user);
    }

    private static char[] fromFile(CommandLine cli, Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        CharBuffer chars = null;
        try {
            chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            int end = 0;
            while (end < chars.limit() && chars.get(end) != '\n' && chars.get(end) != '\r') {
                end++;
            }
            char[] password = new char[end];
            chars.get(0, password);
            return password;
        } catch (CharacterCodingException e) {
            throw new ParameterException(cli, "--password-file " + file + " is not UTF-8 text");
        } finally {
            Arrays.fill(bytes, (byte) 0);
            if (chars != null && chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
        }
    }

    private static char[] fromConsole(CommandLine cli, String user) {
        Console console = System.console();
        // Since JDK 22 there is a Console even when input is redirected; only a terminal can turn echo off.
        if (console == null || !console.isTerminal()) {
            throw new ParameterException(cli, "no terminal to type the password at: give --password-file FILE");
        }
        char[] first = console.readPassword("New password for %s: ", user);
        char[] second = console.readPassword("The same password again: ");
        if (first == null || second == null || !Arrays.equals(first, second)) {
            wipe(first);
            wipe(second);
            throw new ParameterException(cli, "the two passwords typed differ; nothing was changed");
        }
        wipe(second);
        return first;
    }

    private static void wipe(char[] chars) {
        if (chars != null) {
            Arrays.fill(chars, '\0');
        }
    }
}

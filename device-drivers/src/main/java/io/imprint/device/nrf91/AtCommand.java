package io.imprint.device.nrf91;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One command for the modem: the text sent, what messages may call it, and what it does (the same CME
 * code means different things to different operations).
 *
 * <p>{@code shown} never holds credential content: a PEM is not for logs or red tiles.
 *
 * <p>Immutable and thread-safe.
 *
 * @param wire   the command as sent, without the line ending
 * @param shown  the command as messages name it
 * @param op     what the command is for
 * @param secTag the sec_tag it touches, or -1
 */
record AtCommand(String wire, String shown, Op op, int secTag) {

    /** What a command does, for timeouts and for the words of its failures. */
    enum Op { PLAIN, OFFLINE, KEYGEN, WRITE, LIST, DELETE }

    AtCommand {
        Objects.requireNonNull(wire, "wire");
        Objects.requireNonNull(shown, "shown");
        Objects.requireNonNull(op, "op");
    }

    static AtCommand plain(String wire) {
        return new AtCommand(wire, wire, Op.PLAIN, -1);
    }

    /** The bytes on the wire: the command and CR LF. */
    byte[] bytes() {
        return (wire + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}

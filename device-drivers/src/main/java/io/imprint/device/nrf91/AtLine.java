package io.imprint.device.nrf91;

/**
 * One line a modem sent, as {@link AtLines} classified it: an information line of the current
 * command's response, an unsolicited result code the modem sends whenever it likes, a final result that
 * ends a response, or a line too long to be any answer of ours.
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface AtLine {

    /** Part of the answer to the command in flight, e.g. {@code %CMNG: 16842753,1,"AB12..."}. */
    record Info(String text) implements AtLine {
    }

    /** An unsolicited result code such as {@code +CEREG: 2}; never part of an answer. */
    record Unsolicited(String text) implements AtLine {
    }

    /** A line longer than the reader keeps; the answer it belonged to cannot be trusted. */
    record Overlong(int length) implements AtLine {
    }

    /** The line that ends a command's response. */
    sealed interface Final extends AtLine {
    }

    record Ok() implements Final {
    }

    /** Plain {@code ERROR}: a failure with no reason given (also what a modem says before {@code AT+CMEE=1}). */
    record Error() implements Final {
    }

    /** {@code +CME ERROR: <code>}; code is -1 when the modem gave words instead of a number. */
    record CmeError(int code) implements Final {
    }
}

package io.imprint.station.label;

import io.imprint.station.StationException;

/**
 * A label could not be made, printed or configured: a template with an unknown placeholder, a printer
 * string that is not a printer, a batch or device the batch log does not have, a printer that does not
 * answer. Messages name the template, printer, batch or device, never a key or PIN.
 *
 * <p>Immutable and thread-safe.
 */
public final class LabelException extends StationException {

    private final boolean refused;
    private final String advice;

    private LabelException(String message, boolean refused, String advice, Throwable cause) {
        super(message, cause);
        this.refused = refused;
        this.advice = advice;
    }

    /** The request itself was wrong (bad template, bad printer string, no such batch): nothing was changed. */
    public static LabelException refused(String message) {
        return new LabelException(message, true, null, null);
    }

    /** The request was fine but could not be carried out (printer off, disk full). */
    public static LabelException failed(String message, Throwable cause) {
        return new LabelException(message, false, null, cause);
    }

    /** A printer did not take a label; {@code advice} says what to check ("check the printer is on"). */
    public static LabelException printerFailed(String message, String advice, Throwable cause) {
        return new LabelException(message, false, advice, cause);
    }

    /** What the operator should check, when the failure knows. */
    public java.util.Optional<String> advice() {
        return java.util.Optional.ofNullable(advice);
    }

    /** True when the request was refused rather than failed. */
    public boolean refused() {
        return refused;
    }
}

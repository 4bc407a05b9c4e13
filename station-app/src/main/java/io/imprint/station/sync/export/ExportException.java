package io.imprint.station.sync.export;

import io.imprint.station.StationException;

/**
 * An export that could not be made or a bundle that does not verify; {@link #refused()} when the request
 * itself cannot be met (no such batch, nothing to export), so the command can say so apart from a failure.
 *
 * <p>Immutable.
 */
public final class ExportException extends StationException {

    private final boolean refused;

    private ExportException(String message, boolean refused, Throwable cause) {
        super(message, cause);
        this.refused = refused;
    }

    public static ExportException refused(String message) {
        return new ExportException(message, true, null);
    }

    public static ExportException failed(String message, Throwable cause) {
        return new ExportException(message, false, cause);
    }

    public boolean refused() {
        return refused;
    }
}

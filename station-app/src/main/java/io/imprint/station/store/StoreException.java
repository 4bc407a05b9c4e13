package io.imprint.station.store;

import io.imprint.station.StationException;

/**
 * The batch log failed: the file is locked by another station, the disk is full, a row is missing.
 * Messages name the database file or the row, never key material.
 *
 * <p>Immutable and thread-safe.
 */
public final class StoreException extends StationException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

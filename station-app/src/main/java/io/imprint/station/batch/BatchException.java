package io.imprint.station.batch;

import io.imprint.station.StationException;

/**
 * A batch operation was refused: unknown batch, a transition its status does not allow, a duplicate
 * work order. The message is one line a supervisor reads.
 *
 * <p>Immutable and thread-safe.
 */
public final class BatchException extends StationException {

    public BatchException(String message) {
        super(message);
    }
}

package io.imprint.station.batch;

import java.util.Set;

/** A batch's life: created by a supervisor, opened, paused and reopened, closed for good. A closed batch issues nothing. */
public enum BatchStatus {
    CREATED, OPEN, PAUSED, CLOSED;

    /** The statuses this one may move to. */
    public Set<BatchStatus> next() {
        return switch (this) {
            case CREATED -> Set.of(OPEN, CLOSED);
            case OPEN -> Set.of(PAUSED, CLOSED);
            case PAUSED -> Set.of(OPEN, CLOSED);
            case CLOSED -> Set.of();
        };
    }
}

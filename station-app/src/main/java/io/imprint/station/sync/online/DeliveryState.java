package io.imprint.station.sync.online;

/** Where one outbox entry stands with one target (sync_deliveries.state, V9). */
public enum DeliveryState {
    /** Not yet answered: never tried, or the last try met a throttle, an outage or refused credentials. */
    PENDING,
    /** The registry holds it. */
    SYNCED,
    /** Refused for good, or not buildable from the log: last_error says why and what to do. */
    FAILED,
    /** The registry holds the device with another certificate: not overwritten; reconcile says what to do. */
    CONFLICT,
    /** Nothing to send to this target: a CLAIM board, which the cloud admits from its claim. */
    SKIPPED
}

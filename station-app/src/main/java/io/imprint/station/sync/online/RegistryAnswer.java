package io.imprint.station.sync.online;

/**
 * What a registry answered for one outbox entry, recorded with the entry's delivery in one transaction.
 */
public sealed interface RegistryAnswer {

    long entryId();

    /** The registry now holds the object; {@code alreadyThere} when a re-send found it with the same fingerprint. */
    record Registered(long entryId, String registryId, boolean alreadyThere) implements RegistryAnswer {
    }

    /** The registry holds the device with another certificate: not overwritten; reconcile says what to do. */
    record Conflict(long entryId, String registryId, String registryFingerprint, String detail) implements RegistryAnswer {
    }

    /** Refused for good (a 4xx other than throttling): the entry stays failed until someone acts on the detail. */
    record Rejected(long entryId, String detail) implements RegistryAnswer {
    }
}

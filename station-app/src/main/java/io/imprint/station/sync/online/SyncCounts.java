package io.imprint.station.sync.online;

/**
 * How a target stands: every outbox entry (of a batch, or all) in exactly one state.
 *
 * <p>Immutable.
 */
public record SyncCounts(SyncTarget target, long pending, long synced, long failed, long conflict, long skipped) {

    public long total() {
        return pending + synced + failed + conflict + skipped;
    }

    /** Needs a person: refused entries and conflicts stay until someone acts (see {@code imprint sync reconcile}). */
    public long attention() {
        return failed + conflict;
    }
}

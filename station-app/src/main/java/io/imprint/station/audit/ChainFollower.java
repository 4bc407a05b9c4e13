package io.imprint.station.audit;

import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import java.util.Optional;

/**
 * Keeps an audit chain's verdict current while boards pass, at the cost of the new events only: after a
 * full verification has vouched for the chain up to a head, each {@link #advance} reads the events
 * appended since, checks each one's hash and its link to the one before, and moves the head. A full
 * {@link AuditVerifier} run (signatures, checkpoints, moved rows) stays what the supervisor asks for; this
 * only says the chain grew intact.
 *
 * <p>Not thread-safe: one background thread advances it at a time.
 */
public final class ChainFollower {

    /** What the follower knows: the events vouched for, and the first break found, if any. */
    public record State(long events, Optional<String> broken) {
        public boolean ok() {
            return broken.isEmpty();
        }
    }

    private long seq;
    private String hash;
    private String broken;

    /** Starts from a full verification's head ({@code seq} 0 and 64 zeros for an empty chain). */
    public ChainFollower(long seq, String hash) {
        this.seq = seq;
        this.hash = hash;
    }

    /**
     * Starts where a full verification of {@code db} ended: its last row, not today's head, so events
     * appended while it ran are checked by the first {@link #advance}.
     */
    public static ChainFollower after(AuditVerification verified, StationDatabase db) throws StoreException {
        long last = verified.rows();
        String[] hash = {"0".repeat(64)};
        if (last > 0) {
            try (AuditTables.Snapshot snapshot = AuditTables.snapshot(db)) {
                snapshot.forEachRowAfter(last - 1, row -> {
                    if (row.seq() == last) {
                        hash[0] = row.hash();
                    }
                });
            }
        }
        ChainFollower f = new ChainFollower(last, hash[0]);
        if (!verified.ok()) {
            f.broken = "the full verification found " + verified.problems().size() + " problem(s)";
        }
        return f;
    }

    /** Checks the events appended since the last call; once broken, it stays broken. */
    public State advance(StationDatabase db) throws StoreException {
        if (broken == null) {
            try (AuditTables.Snapshot snapshot = AuditTables.snapshot(db)) {
                snapshot.forEachRowAfter(seq, this::follow);
            }
        }
        return new State(seq, Optional.ofNullable(broken));
    }

    private void follow(AuditRow row) {
        if (broken != null) {
            return;
        }
        if (row.seq() != seq + 1) {
            broken = "event " + (seq + 1) + " is missing";
        } else if (!row.prevHash().equals(hash)) {
            broken = "event " + row.seq() + " does not link to event " + seq;
        } else if (!row.intact()) {
            broken = "event " + row.seq() + " was changed after it was written";
        } else {
            seq = row.seq();
            hash = row.hash();
        }
    }
}

package io.imprint.station.audit;

/**
 * One thing a verification found, naming the row it concerns. Everything but {@link UnsignedTail}
 * and {@link KeyNotGiven} means the log was changed after it was written.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public sealed interface AuditFinding {

    /** The row (seq) the finding is about, for ordering the report. */
    long row();

    /** One line for the operator. */
    String message();

    /** True for findings that do not by themselves show tampering. */
    default boolean warning() {
        return false;
    }

    /** The row's content no longer gives the hash it carries. */
    record EditedRow(long row) implements AuditFinding {
        public String message() {
            return "row " + row + " was edited (hash mismatch)";
        }
    }

    /** Rows {@code row}..{@code last} are absent; {@code context} says how that shows. */
    record MissingRows(long row, long last, String context) implements AuditFinding {
        public String message() {
            return (row == last ? "row " + row + " is missing" : "rows " + row + " to " + last + " are missing") + " (" + context + ")";
        }
    }

    /** Two rows stand in each other's place, or a row stands where it was not written. */
    record OutOfOrder(long row, long other) implements AuditFinding {
        public String message() {
            return "rows " + row + " and " + other + " are out of order";
        }
    }

    /** A row that carries the hash of another seq: it was moved from there. */
    record MovedRow(long row, long from) implements AuditFinding {
        public String message() {
            return "row " + row + " holds the event written as row " + from + " (rows out of order)";
        }
    }

    record DuplicateRow(long row) implements AuditFinding {
        public String message() {
            return "row " + row + " appears more than once";
        }
    }

    /** The row's prev_hash is not the hash of the row before: one of them was rewritten with a fresh hash. */
    record BrokenLink(long row) implements AuditFinding {
        public String message() {
            return row == 1 ? "row 1 does not start from the genesis hash (prev_hash was rewritten)"
                    : "row " + row + " does not link to row " + (row - 1) + " (prev_hash mismatch: one of them was rewritten)";
        }
    }

    /** The head row disagrees with the events: rows were added or removed around it. */
    record HeadMismatch(long row, String detail) implements AuditFinding {
        public String message() {
            return "the chain head disagrees with row " + row + " (" + detail + ")";
        }
    }

    record BadSignature(long row) implements AuditFinding {
        public String message() {
            return "checkpoint at row " + row + " has a bad signature";
        }
    }

    /** Signed by a key the verifier was not told to trust: a copy re-signed elsewhere. */
    record ForeignSigner(long row, String keyId) implements AuditFinding {
        public String message() {
            return "checkpoint at row " + row + " was signed by key " + keyId.substring(0, Math.min(16, keyId.length()))
                    + "…, not by a trusted station key";
        }
    }

    /** A valid signature over a head hash the row no longer has. */
    record CheckpointMismatch(long row) implements AuditFinding {
        public String message() {
            return "checkpoint at row " + row + " does not match row " + row + " (rows up to it were rewritten after signing)";
        }
    }

    record OrphanCheckpoint(long row) implements AuditFinding {
        public String message() {
            return "checkpoint at row " + row + " seals a row that is not in the log";
        }
    }

    /** Rows after the last good checkpoint: their chain is intact but nothing vouches for it yet. */
    record UnsignedTail(long row, long count) implements AuditFinding {
        public String message() {
            String after = " after the final checkpoint (row " + (row - 1) + ")";
            if (row == 1) {
                return count == 1 ? "the only row is unsigned (no checkpoint yet)" : "all " + count + " rows are unsigned (no checkpoint yet)";
            }
            return count == 1 ? "the last row" + after + " is unsigned" : "the last " + count + " rows" + after + " are unsigned";
        }

        @Override
        public boolean warning() {
            return true;
        }
    }

    /** Signatures were checked against keys recorded in the log itself, not ones the verifier trusts. */
    record KeyNotGiven() implements AuditFinding {
        public long row() {
            return 0;
        }

        public String message() {
            return "no --station-key given: checkpoints were checked against the key recorded in the log itself";
        }

        @Override
        public boolean warning() {
            return true;
        }
    }
}

package io.imprint.station.audit;

import io.imprint.station.audit.AuditFinding.BrokenLink;
import io.imprint.station.audit.AuditFinding.DuplicateRow;
import io.imprint.station.audit.AuditFinding.EditedRow;
import io.imprint.station.audit.AuditFinding.HeadMismatch;
import io.imprint.station.audit.AuditFinding.MissingRows;
import io.imprint.station.audit.AuditFinding.OutOfOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks the rows of a log as they stream by: seq continuity, each row's hash, the prev_hash links.
 * Holds at most {@link #REORDER_WINDOW} rows, so a log of millions of rows verifies in little memory;
 * rows displaced by less than the window are put back in place and reported once, not as gaps.
 *
 * <p>Not thread-safe: one check per verification, fed from one thread.
 */
final class ChainCheck {

    static final int REORDER_WINDOW = 4096;

    private final List<AuditFinding> findings = new ArrayList<>();
    private final TreeMap<Long, AuditRow> window = new TreeMap<>();
    private final TreeMap<Long, Long> missing = new TreeMap<>();
    private final Map<Long, AuditRow> mismatched = new LinkedHashMap<>();
    private final Set<Long> checkpointRows;
    private final Map<Long, String> hashesAtCheckpoints = new HashMap<>();
    private long previousInput;
    private long consumed;
    private AuditRow previous;
    private boolean previousIntact;
    private long rows;

    /** @param checkpointRows the seqs whose hashes the checkpoint check will need */
    ChainCheck(Set<Long> checkpointRows) {
        this.checkpointRows = checkpointRows;
    }

    void accept(AuditRow row) {
        rows++;
        if (row.seq() < previousInput) {
            findings.add(new OutOfOrder(row.seq(), previousInput));
        }
        previousInput = row.seq();
        if (window.containsKey(row.seq()) || row.seq() <= consumed && !wasMissing(row.seq())) {
            findings.add(new DuplicateRow(row.seq()));
            return;
        }
        if (row.seq() <= consumed) {
            return; // arrived after its place was reported missing; the out-of-order finding names it
        }
        window.put(row.seq(), row);
        while (!window.isEmpty() && (window.firstKey() == consumed + 1 || window.size() > REORDER_WINDOW)) {
            consume(window.pollFirstEntry().getValue());
        }
    }

    /** Ends the stream; compares the last row with the recorded head, when there is one. */
    List<AuditFinding> finish(Optional<ChainHead> head) {
        while (!window.isEmpty()) {
            consume(window.pollFirstEntry().getValue());
        }
        head.ifPresent(this::compareWithHead);
        findings.addAll(MoveDetection.classify(mismatched, missing));
        return findings;
    }

    /** Hashes the rows at checkpoint seqs carry, for the signature check. */
    Map<Long, String> hashesAtCheckpoints() {
        return hashesAtCheckpoints;
    }

    long lastSeq() {
        return consumed;
    }

    long rows() {
        return rows;
    }

    private void consume(AuditRow row) {
        long expected = consumed + 1;
        if (row.seq() > expected) {
            missing.put(expected, row.seq() - 1);
            findings.add(new MissingRows(expected, row.seq() - 1,
                    consumed == 0 ? "the chain starts at " + row.seq() : "seq jumps from " + consumed + " to " + row.seq()));
            previous = null;
        }
        boolean intact = row.intact();
        if (!intact && mismatched.size() < MoveDetection.MAX_CANDIDATES) {
            mismatched.put(row.seq(), row);
        } else if (!intact) {
            findings.add(new EditedRow(row.seq()));
        } else if (row.seq() == 1 && !row.prevHash().equals(ChainEncoding.GENESIS)) {
            findings.add(new BrokenLink(1));
        } else if (previous != null && previousIntact && !row.prevHash().equals(previous.hash())) {
            findings.add(new BrokenLink(row.seq()));
        }
        if (checkpointRows.contains(row.seq())) {
            hashesAtCheckpoints.put(row.seq(), row.hash());
        }
        consumed = row.seq();
        previous = row;
        previousIntact = intact;
    }

    private void compareWithHead(ChainHead head) {
        if (consumed < head.seq()) {
            missing.put(consumed + 1, head.seq());
            findings.add(new MissingRows(consumed + 1, head.seq(), "the chain head is at " + head.seq()));
        } else if (consumed > head.seq()) {
            findings.add(new HeadMismatch(consumed, "rows after " + head.seq() + " were added without moving the head"));
        } else if (previous != null && !previous.hash().equals(head.hash())) {
            findings.add(new HeadMismatch(consumed, "the head records another hash for it"));
        }
    }

    private boolean wasMissing(long seq) {
        Map.Entry<Long, Long> range = missing.floorEntry(seq);
        return range != null && seq <= range.getValue();
    }
}

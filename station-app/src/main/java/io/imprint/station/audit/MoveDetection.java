package io.imprint.station.audit;

import io.imprint.station.audit.AuditFinding.EditedRow;
import io.imprint.station.audit.AuditFinding.MovedRow;
import io.imprint.station.audit.AuditFinding.OutOfOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tells moved rows from edited ones: a row whose stored hash is the hash its content would have at
 * another seq was written there and moved. Two rows moved into each other's place are one swap.
 *
 * <p>Stateless and thread-safe.
 */
final class MoveDetection {

    /** Beyond this many mismatched rows, trying every pairing costs more than it tells. */
    static final int MAX_CANDIDATES = 512;

    private MoveDetection() {
    }

    static List<AuditFinding> classify(Map<Long, AuditRow> mismatched, TreeMap<Long, Long> missing) {
        List<Long> candidates = new ArrayList<>(mismatched.keySet());
        missing.forEach((first, last) -> {
            for (long seq = first; seq <= last && candidates.size() <= MAX_CANDIDATES; seq++) {
                candidates.add(seq);
            }
        });
        Map<Long, Long> movedFrom = new HashMap<>();
        if (candidates.size() <= MAX_CANDIDATES) {
            for (AuditRow row : mismatched.values()) {
                candidates.stream().filter(seq -> seq != row.seq() && row.hash().equals(row.hashAt(seq)))
                        .findFirst().ifPresent(from -> movedFrom.put(row.seq(), from));
            }
        }
        List<AuditFinding> found = new ArrayList<>();
        for (long seq : mismatched.keySet()) {
            Long from = movedFrom.get(seq);
            if (from == null) {
                found.add(new EditedRow(seq));
            } else if (Long.valueOf(seq).equals(movedFrom.get(from))) {
                if (seq < from) {
                    found.add(new OutOfOrder(seq, from)); // a swap: reported once, by the lower row
                }
            } else {
                found.add(new MovedRow(seq, from));
            }
        }
        return found;
    }
}

package io.imprint.station.audit;

import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Verifies an audit log: recomputes every hash, follows the prev_hash links and the seq order, and
 * checks every checkpoint signature against the station keys the verifier trusts. What it finds
 * names the row. Rows after the last good checkpoint can be removed without trace (nothing signed
 * them yet); that is reported as a warning.
 *
 * <p>Immutable and thread-safe.
 */
public final class AuditVerifier {

    private final Map<String, PublicKey> trusted;
    private final boolean keysFromLog;

    private AuditVerifier(Map<String, PublicKey> trusted, boolean keysFromLog) {
        this.trusted = trusted;
        this.keysFromLog = keysFromLog;
    }

    /** A verifier that trusts these station keys (more than one when the station key was replaced). */
    public static AuditVerifier trusting(Collection<PublicKey> stationKeys) {
        if (stationKeys.isEmpty()) {
            throw new IllegalArgumentException("a verifier needs at least one trusted station key");
        }
        Map<String, PublicKey> byId = new LinkedHashMap<>();
        stationKeys.forEach(key -> byId.put(StationKeys.keyId(key), key));
        return new AuditVerifier(Map.copyOf(byId), false);
    }

    /**
     * A verifier that takes the keys the log records. Good for spotting a careless edit at the station;
     * the result carries a warning, since whoever can rewrite the log can rewrite those keys too.
     */
    public static AuditVerifier trustingRecordedKeys() {
        return new AuditVerifier(Map.of(), true);
    }

    public AuditVerification verify(AuditSource log) throws StoreException {
        List<AuditCheckpoint> checkpoints = log.checkpoints();
        Set<Long> checkpointRows = new HashSet<>();
        checkpoints.forEach(c -> checkpointRows.add(c.seq()));
        ChainCheck chain = new ChainCheck(checkpointRows);
        log.forEachRow(chain::accept);
        List<AuditFinding> findings = new ArrayList<>(chain.finish(log.head()));
        Map<String, PublicKey> keys = keysFromLog ? log.recordedSigners() : trusted;
        findings.addAll(CheckpointCheck.check(checkpoints, keys, chain.hashesAtCheckpoints(), chain.lastSeq()));
        if (keysFromLog) {
            findings.add(new AuditFinding.KeyNotGiven());
        }
        return new AuditVerification(findings, chain.rows(), checkpoints.size());
    }

    /** Verifies the live database, reading one consistent snapshot while the station may keep appending. */
    public AuditVerification verifyDatabase(StationDatabase db) throws StoreException {
        try (AuditTables.Snapshot snapshot = AuditTables.snapshot(db)) {
            return verify(snapshot);
        }
    }

    /** Verifies an export written by {@code imprint audit export}. */
    public AuditVerification verifyExport(Path file) throws StoreException {
        return verify(AuditExportFile.open(file));
    }
}

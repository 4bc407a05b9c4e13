package io.imprint.station.sync.online;

import io.imprint.station.store.Sql;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import io.imprint.station.store.Transactions;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The registry against the batch log: boards the log provisioned that the registry lacks (missing), devices
 * the registry holds that the log never made (extra), a board held with another certificate (mismatch),
 * and a certificate the station revoked that the registry still accepts (revoked but active). With
 * {@code fix} it repairs what the station owns: a missing board's registration is queued again, a revoked
 * certificate is revoked in the registry. It never deletes anything: an extra device or a mismatch may be
 * someone else's, and only a person can say.
 *
 * <p>Not thread-safe: one reconcile, one thread.
 */
public final class Reconcile {

    public enum Kind { MISSING, EXTRA, MISMATCH, REVOKED_BUT_ACTIVE }

    /** One difference, what was done about it, and what a person should do if nothing was. */
    public record Finding(Kind kind, String deviceId, String detail, boolean fixed) {
    }

    /** A board as the log says it should be held: its current certificate and the entry that registers it. */
    private record Expected(String deviceId, String sha256, long entryId) {
    }

    private final StationDatabase db;
    private final SyncStore store = new SyncStore();

    public Reconcile(StationDatabase db) {
        this.db = db;
    }

    public List<Finding> run(Registry registry, Optional<String> batch, boolean fix) throws StoreException, RegistryException {
        SyncTarget target = registry.target();
        // DPS keeps registration ids in lower case; AWS thing names are case-sensitive.
        Function<String, String> id = target == SyncTarget.AZURE ? s -> s.toLowerCase(Locale.ROOT) : Function.identity();
        Map<String, Expected> expected = new LinkedHashMap<>();
        Transactions.inTransaction(db, tx -> expected(tx, batch)).values().forEach(e -> expected.put(id.apply(e.deviceId()), e));
        Map<String, String> certificateStatus = Transactions.inTransaction(db, tx -> certificateStatus(tx));
        Set<String> known = Transactions.inTransaction(db, tx -> new HashSet<>(Sql.query(tx, "SELECT device_id FROM devices", rs -> id.apply(rs.getString(1)))));
        List<RegisteredDevice> held = new ArrayList<>();
        registry.forEachRegistered(held::add);
        List<Finding> findings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (RegisteredDevice r : held) {
            if (r.certificateSha256().isPresent()) {
                // A device held with no certificate (an AWS thing whose attach never happened) is still missing.
                seen.add(id.apply(r.deviceId()));
            }
            String sha = r.certificateSha256().map(h -> h.toLowerCase(Locale.ROOT)).orElse(null);
            Expected e = expected.get(id.apply(r.deviceId()));
            if (sha != null && r.active() && "REVOKED".equals(certificateStatus.get(sha))) {
                boolean fixed = fix && revoke(registry, r.deviceId(), sha);
                findings.add(new Finding(Kind.REVOKED_BUT_ACTIVE, r.deviceId(), "the registry still accepts certificate " + sha.substring(0, 16)
                        + "…, which the station revoked" + (fixed ? ": revoked there now" : fix ? ": the registry refused to revoke it" : ": --fix revokes it there"), fixed));
            } else if (e != null && sha != null && !sha.equalsIgnoreCase(e.sha256())) {
                findings.add(new Finding(Kind.MISMATCH, r.deviceId(), "the registry holds certificate " + sha.substring(0, 16) + "…, the station issued "
                        + e.sha256().substring(0, 16) + "…: " + (certificateStatus.containsKey(sha) ? "an older one of this station's"
                        : "not one this station issued: find out who registered it before removing it there"), false));
            } else if (e == null && !known.contains(id.apply(r.deviceId()))) {
                findings.add(new Finding(Kind.EXTRA, r.deviceId(), "the registry holds a device this station's log never provisioned: not removed (it may be "
                        + "another station's)", false));
            }
        }
        for (Expected e : expected.values()) {
            if (!seen.contains(id.apply(e.deviceId()))) {
                boolean fixed = fix && Transactions.inTransaction(db, tx -> store.requeue(tx, e.entryId(), target)) > 0;
                findings.add(new Finding(Kind.MISSING, e.deviceId(), "provisioned here, not in the registry" + (fixed ? ": queued again for the sync"
                        : fix ? ": not synced yet, the sync will send it" : ": --fix queues it again"), fixed));
            }
        }
        return findings;
    }

    private boolean revoke(Registry registry, String deviceId, String sha) throws RegistryException {
        // The outbox entry is not needed: the registry's answer to a reconcile is not a delivery.
        return registry.revoke(new Revocation(0, null, deviceId, null, sha, "reconcile")) instanceof RegistryAnswer.Registered;
    }

    private static Map<String, Expected> expected(Connection tx, Optional<String> batch) throws StoreException {
        String sql = "SELECT d.device_id, c.sha256, (SELECT MAX(o.entry_id) FROM sync_outbox o WHERE o.device_id = d.device_id AND o.kind = 'DEVICE_PROVISIONED') "
                + "FROM devices d JOIN certificates c ON c.serial = d.certificate_serial WHERE d.status = 'PROVISIONED' AND c.status = 'ACKNOWLEDGED'"
                + (batch.isPresent() ? " AND d.batch_id = ?" : "") + " ORDER BY d.device_id";
        Map<String, Expected> expected = new LinkedHashMap<>();
        for (Expected e : Sql.query(tx, sql, rs -> new Expected(rs.getString(1), rs.getString(2), rs.getLong(3)), batch.map(b -> new Object[] {b}).orElse(new Object[0]))) {
            if (e.entryId() > 0) {
                expected.put(e.deviceId(), e);
            }
        }
        return expected;
    }

    private static Map<String, String> certificateStatus(Connection tx) throws StoreException {
        Map<String, String> status = new HashMap<>();
        Sql.query(tx, "SELECT sha256, status FROM certificates", rs -> status.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2)));
        return status;
    }
}

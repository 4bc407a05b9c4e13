package io.imprint.station.engine;

import io.imprint.ca.issue.CertificateAuthority;
import io.imprint.station.audit.AuditEvent;
import io.imprint.station.audit.AuditTrail;
import io.imprint.station.claim.ClaimCredentials;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import io.imprint.station.store.Transactions;
import io.imprint.station.util.JsonText;
import java.sql.Connection;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a provisioning station works with: its batch log, its CA, its audit trail, its identity;
 * and the two things every step of the engine does with them: commit a unit of work durably
 * ({@link #tx}) and record an audit event in it ({@link #audit(Connection, String, String, String, Object...)}).
 *
 * <p>Thread-safe: its parts are; every slot's attempt shares one station.
 */
public final class Station {

    private final String stationId;
    private final StationDatabase db;
    private final CertificateAuthority ca;
    private final AuditTrail audit;
    private final Clock clock;
    private final BoardsOnSlots onSlots;
    private final Optional<ClaimCredentials> claims;
    private final BatchLog log = new BatchLog();

    /**
     * @param stationId this station's name in the audit trail and the cloud sync
     * @param db        the batch log
     * @param ca        the offline CA (issuing key in the HSM)
     * @param audit     the hash-chained audit trail
     * @param clock     the station's time
     */
    public Station(String stationId, StationDatabase db, CertificateAuthority ca, AuditTrail audit, Clock clock) {
        this(stationId, db, ca, audit, clock, new BoardsOnSlots(), Optional.empty());
    }

    private Station(String stationId, StationDatabase db, CertificateAuthority ca, AuditTrail audit, Clock clock, BoardsOnSlots onSlots,
                    Optional<ClaimCredentials> claims) {
        this.stationId = Objects.requireNonNull(stationId, "stationId");
        this.db = Objects.requireNonNull(db, "db");
        this.ca = ca;
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onSlots = onSlots;
        this.claims = claims;
    }

    /**
     * This station, able to provision CLAIM batches with {@code credentials}; absent where the key backend
     * cannot seal, and then CLAIM batches fail with a message saying so.
     */
    public Station withClaims(ClaimCredentials credentials) {
        return new Station(stationId, db, ca, audit, clock, onSlots, Optional.of(credentials));
    }

    public String stationId() {
        return stationId;
    }

    public StationDatabase db() {
        return db;
    }

    public CertificateAuthority ca() {
        return ca;
    }

    public AuditTrail audit() {
        return audit;
    }

    public Clock clock() {
        return clock;
    }

    /** Device ids being provisioned right now, on any slot. */
    public BoardsOnSlots onSlots() {
        return onSlots;
    }

    public Optional<ClaimCredentials> claims() {
        return claims;
    }

    BatchLog log() {
        return log;
    }

    /** Runs {@code work} in one transaction, committed durably (group commit) before this returns. */
    <T> T tx(Transactions.Work<T, ProvisioningFailure> work) throws StoreException, ProvisioningFailure {
        return db.groupCommit().run(work);
    }

    /** Appends an audit event in {@code tx}, its details given as name, value pairs. */
    void audit(Connection tx, String actor, String action, String subject, Object... details) throws StoreException {
        audit.append(tx, new AuditEvent(actor, action, subject, JsonText.of(details)));
    }

    /** Device ids on a slot right now: the same id on two slots at once is a cloned board. Thread-safe. */
    public static final class BoardsOnSlots {
        private final java.util.Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();

        boolean claim(String deviceId) {
            return ids.add(deviceId);
        }

        void release(String deviceId) {
            ids.remove(deviceId);
        }
    }
}

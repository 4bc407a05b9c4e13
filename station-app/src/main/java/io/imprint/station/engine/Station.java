package io.imprint.station.engine;

import io.imprint.ca.issue.CertificateAuthority;
import io.imprint.station.audit.AuditTrail;
import io.imprint.station.batch.BatchRepository;
import io.imprint.station.claim.ClaimCredentials;
import io.imprint.station.store.AttemptRecords;
import io.imprint.station.store.CertificateRecords;
import io.imprint.station.store.DeviceRecords;
import io.imprint.station.store.OutboxRecords;
import io.imprint.station.store.StationDatabase;
import java.time.Clock;
import java.util.Optional;

/**
 * Everything a provisioning station works with: its batch log, its CA, its audit trail, its identity.
 *
 * @param stationId  this station's name in the audit trail and the cloud sync
 * @param db         the batch log
 * @param ca         the offline CA (issuing key in the HSM)
 * @param audit      the hash-chained audit trail
 * @param clock      the station's time
 * @param onSlots    device ids being provisioned right now
 * @param claims     the claim credentials of CLAIM batches, sealed by the token; absent where the key
 *                   backend cannot seal, and then CLAIM batches fail with a message saying so
 */
public record Station(String stationId, StationDatabase db, CertificateAuthority ca, AuditTrail audit, Clock clock, BoardsOnSlots onSlots,
                      Optional<ClaimCredentials> claims) {

    public Station(String stationId, StationDatabase db, CertificateAuthority ca, AuditTrail audit, Clock clock) {
        this(stationId, db, ca, audit, clock, new BoardsOnSlots(), Optional.empty());
    }

    /** This station, able to provision CLAIM batches with {@code credentials}. */
    public Station withClaims(ClaimCredentials credentials) {
        return new Station(stationId, db, ca, audit, clock, onSlots, Optional.of(credentials));
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

    static final BatchRepository BATCHES = new BatchRepository();
    static final DeviceRecords DEVICES = new DeviceRecords();
    static final CertificateRecords CERTIFICATES = new CertificateRecords();
    static final AttemptRecords ATTEMPTS = new AttemptRecords();
    static final OutboxRecords OUTBOX = new OutboxRecords();
}

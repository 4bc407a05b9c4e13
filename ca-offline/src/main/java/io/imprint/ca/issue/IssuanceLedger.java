package io.imprint.ca.issue;

import io.imprint.ca.CaException;
import java.math.BigInteger;
import java.util.Optional;

/**
 * What the CA remembers of its own issuance: serials used, and how much of each batch's quota is spent.
 * The quota is what limits a stolen or runaway station: it cannot sign past it.
 *
 * <p>Implementations are thread-safe; {@link #reserve} is atomic with respect to the quota.
 */
public interface IssuanceLedger {

    /** Binds a batch to a quota. Setting the same quota again is a no-op; a different one is refused. */
    void bindQuota(String batch, int quota) throws IssuanceRefusedException;

    Optional<Integer> quota(String batch);

    /** Certificates recorded and places reserved in the batch. */
    int used(String batch);

    /** Takes one place in the batch's quota, or refuses (quota spent, or the batch has none). */
    void reserve(String batch) throws IssuanceRefusedException;

    /** Gives back a place taken by {@link #reserve} when signing failed. */
    void release(String batch);

    /** Marks the serial used; false if it was used before. */
    boolean claimSerial(BigInteger serial);

    /** Records a certificate as issued (its batch place must have been reserved). */
    void record(IssuedCertificate certificate) throws CaException;

    /** A recorded certificate's facts, by serial. */
    Optional<IssuedRecord> find(BigInteger serial);

    long issuedCount();

    /** The facts the ledger keeps per certificate. */
    record IssuedRecord(BigInteger serial, String deviceId, String profile, Optional<String> batch,
                        java.time.Instant notBefore, java.time.Instant notAfter, String sha256) {
        static IssuedRecord of(IssuedCertificate c) {
            return new IssuedRecord(c.serial(), c.deviceId(), c.profile(), c.batch(), c.notBefore(), c.notAfter(), c.sha256Fingerprint());
        }
    }
}

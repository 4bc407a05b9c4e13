package io.imprint.ca.issue;

import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A ledger held in memory: for a CA whose caller keeps the durable record (the station's H2 store),
 * for the benchmark, and as the index behind {@link FileIssuanceLedger}.
 *
 * <p>Thread-safe and lock-free on the issuance path.
 */
public final class MemoryIssuanceLedger implements IssuanceLedger {

    private record Quota(int limit, AtomicInteger used) {
    }

    private final Map<String, Quota> quotas = new ConcurrentHashMap<>();
    private final Set<BigInteger> serials = ConcurrentHashMap.newKeySet();
    private final Map<BigInteger, IssuedRecord> records = new ConcurrentHashMap<>();

    @Override
    public void bindQuota(String batch, int quota) throws IssuanceRefusedException {
        if (quota <= 0) {
            throw new IssuanceRefusedException("quota of batch " + batch + " must be at least 1 (was " + quota + ")");
        }
        Quota existing = quotas.putIfAbsent(batch, new Quota(quota, new AtomicInteger()));
        if (existing != null && existing.limit() != quota) {
            throw new IssuanceRefusedException("batch " + batch + " is bound to a quota of " + existing.limit() + "; it cannot be changed to " + quota);
        }
    }

    @Override
    public Optional<Integer> quota(String batch) {
        return Optional.ofNullable(quotas.get(batch)).map(Quota::limit);
    }

    @Override
    public int used(String batch) {
        Quota q = quotas.get(batch);
        return q == null ? 0 : q.used().get();
    }

    @Override
    public void reserve(String batch) throws IssuanceRefusedException {
        Quota q = quotas.get(batch);
        if (q == null) {
            throw new IssuanceRefusedException("batch " + batch + " has no quota: bind one first (--quota N)");
        }
        int now;
        do {
            now = q.used().get();
            if (now >= q.limit()) {
                throw new IssuanceRefusedException("batch " + batch + " has used its quota of " + q.limit() + " certificates");
            }
        } while (!q.used().compareAndSet(now, now + 1));
    }

    @Override
    public void release(String batch) {
        Quota q = quotas.get(batch);
        if (q != null) {
            q.used().decrementAndGet();
        }
    }

    @Override
    public boolean claimSerial(BigInteger serial) {
        return serials.add(serial);
    }

    @Override
    public void record(IssuedCertificate certificate) {
        serials.add(certificate.serial());
        records.put(certificate.serial(), IssuedRecord.of(certificate));
    }

    /** Loads a record read back from storage: its serial and its place in the batch quota count as used. */
    void restore(IssuedRecord record) {
        serials.add(record.serial());
        records.put(record.serial(), record);
        record.batch().map(quotas::get).ifPresent(q -> q.used().incrementAndGet());
    }

    void restoreQuota(String batch, int quota) {
        quotas.putIfAbsent(batch, new Quota(quota, new AtomicInteger()));
    }

    @Override
    public Optional<IssuedRecord> find(BigInteger serial) {
        return Optional.ofNullable(records.get(serial));
    }

    @Override
    public long issuedCount() {
        return records.size();
    }
}

package io.imprint.station.sync.online;

import io.imprint.station.audit.AuditEvent;
import io.imprint.station.audit.AuditTrail;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import io.imprint.station.store.Transactions;
import io.imprint.station.util.JsonText;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Delivers the outbox to one registry, in entry order: builds each board's registration (or
 * revocation) from the batch log, paces the calls, and records each answer with the delivery's new state
 * in one transaction. A crash between the registry's answer and that commit leaves the entry pending: its
 * re-send finds the object there with the same fingerprint, which counts it synced once.
 *
 * <p>A throttle or an outage holds the whole target (they are the registry's state, not the entry's):
 * the same entries are tried again after a backoff, so nothing overtakes them. Refused credentials stop
 * the pass. The audit trail gets one {@code sync.synced} event per {@value #SUMMARY_EVERY} entries synced
 * (and at the end of a pass), and one event for each conflict, refusal and stop: every delivery is in
 * sync_deliveries already, and a million boards should not add a million audit events.
 *
 * <p>Not thread-safe: one runner, one thread, one target.
 */
public final class SyncRunner {

    static final int SUMMARY_EVERY = 100;

    /** What a pass did; {@code stopped} says why it ended before the outbox was empty, if it did. */
    public record Outcome(SyncTarget target, int synced, int alreadyThere, int conflicts, int failed, int skipped, Optional<String> stopped) {
    }

    private final StationDatabase db;
    private final AuditTrail audit;
    private final Registry registry;
    private final SyncEntries entries;
    private final SyncClock clock;
    private final TokenBucket pacing;
    private final Backoff backoff;
    private final String actor;
    private final Optional<String> batch;
    private final SyncStore store = new SyncStore();

    public SyncRunner(StationDatabase db, AuditTrail audit, Registry registry, List<String> caChainPem, SyncClock clock, TokenBucket pacing,
                      Backoff backoff, String actor, Optional<String> batch) {
        this.db = db;
        this.audit = audit;
        this.registry = registry;
        this.entries = new SyncEntries(store, caChainPem);
        this.clock = clock;
        this.pacing = pacing;
        this.backoff = backoff;
        this.actor = actor;
        this.batch = batch;
    }

    public SyncTarget target() {
        return registry.target();
    }

    /**
     * Sends every entry due until none is left. {@code giveUpAfter}: how long the registry may keep
     * failing (throttled or unavailable, in a row) before the pass returns with the rest still pending;
     * empty to wait for it for ever (the station's background sync).
     */
    public Outcome drain(Optional<Duration> giveUpAfter) throws StoreException, InterruptedException {
        Tally tally = new Tally();
        long cursor = 0;
        int failures = 0;
        long failingSince = 0;
        try {
            while (true) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                long after = cursor;
                List<OutboxEntry> due = Transactions.inTransaction(db, tx -> store.due(tx, target(), batch, after, Math.max(1, registry.maxBatch())));
                if (due.isEmpty()) {
                    return tally.outcome(Optional.empty());
                }
                SyncEntries.Call call = Transactions.inTransaction(db, tx -> entries.next(tx, due, target()));
                if (call instanceof SyncEntries.Call.Unsendable u) {
                    Transactions.inTransaction(db, tx -> recordUnsendable(tx, u, tally));
                    cursor = u.entry().entryId();
                    continue;
                }
                List<OutboxEntry> sent = call.entries();
                pacing.acquire(sent.size());
                List<RegistryAnswer> answers;
                try {
                    answers = send(call);
                } catch (RegistryException e) {
                    if (failures++ == 0) {
                        failingSince = clock.nanos();
                    }
                    String why = e.kind().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.getMessage();
                    Transactions.inTransaction(db, tx -> {
                        for (OutboxEntry entry : sent) {
                            store.record(tx, entry.entryId(), target(), DeliveryState.PENDING, why, null, clock.now());
                        }
                        if (e.kind() == RegistryException.Kind.UNAUTHORISED) {
                            tally.summary(tx, true);
                            audit.append(tx, new AuditEvent(actor, "sync.stopped", target().id(), JsonText.of("target", target().id(), "why", e.getMessage())));
                        }
                        return null;
                    });
                    if (e.kind() == RegistryException.Kind.UNAUTHORISED) {
                        return tally.outcome(Optional.of(target().id() + " refused the station's credentials: " + e.getMessage()));
                    }
                    Duration failing = Duration.ofNanos(clock.nanos() - failingSince);
                    if (giveUpAfter.isPresent() && failing.compareTo(giveUpAfter.get()) >= 0) {
                        return tally.outcome(Optional.of(target().id() + " kept failing for " + failing.toSeconds() + " s (last: " + why + ")"));
                    }
                    clock.sleep(backoff.after(failures, e.retryAfter()));
                    continue;
                }
                failures = 0;
                checkAnswers(sent, answers);
                Transactions.inTransaction(db, tx -> {
                    for (RegistryAnswer a : answers) {
                        record(tx, a, sent, tally);
                    }
                    tally.summary(tx, false);
                    return null;
                });
                cursor = sent.getLast().entryId();
            }
        } finally {
            if (tally.unsummarised > 0) {
                Transactions.inTransaction(db, tx -> tally.summary(tx, true));
            }
        }
    }

    private List<RegistryAnswer> send(SyncEntries.Call call) throws RegistryException {
        return switch (call) {
            case SyncEntries.Call.Register r -> registry.register(r.registrations());
            case SyncEntries.Call.Revoke r -> List.of(registry.revoke(r.revocation()));
            case SyncEntries.Call.Unsendable u -> throw new IllegalStateException("nothing to send for entry " + u.entry().entryId());
        };
    }

    private void checkAnswers(List<OutboxEntry> sent, List<RegistryAnswer> answers) {
        List<Long> asked = sent.stream().map(OutboxEntry::entryId).toList();
        List<Long> answered = answers.stream().map(RegistryAnswer::entryId).toList();
        if (!asked.equals(answered)) {
            // Recording answers against the wrong entries would mark a board synced that the registry never saw.
            throw new IllegalStateException(target().id() + " answered entries " + answered + " to a call for " + asked);
        }
    }

    private Void recordUnsendable(Connection tx, SyncEntries.Call.Unsendable u, Tally tally) throws StoreException {
        store.record(tx, u.entry().entryId(), target(), u.state(), u.why(), null, clock.now());
        if (u.state() == DeliveryState.SKIPPED) {
            tally.skipped++;
        } else {
            tally.failed++;
            audit.append(tx, new AuditEvent(actor, "sync.failed", u.entry().deviceId(), JsonText.of("target", target().id(), "entry", u.entry().entryId(),
                    "why", u.why())));
        }
        return null;
    }

    private void record(Connection tx, RegistryAnswer answer, List<OutboxEntry> sent, Tally tally) throws StoreException {
        OutboxEntry entry = sent.stream().filter(e -> e.entryId() == answer.entryId()).findFirst().orElseThrow();
        switch (answer) {
            case RegistryAnswer.Registered r -> {
                store.record(tx, r.entryId(), target(), DeliveryState.SYNCED, null, r.registryId(), clock.now());
                tally.synced(r.entryId(), r.alreadyThere());
            }
            case RegistryAnswer.Conflict c -> {
                store.record(tx, c.entryId(), target(), DeliveryState.CONFLICT, c.detail(), c.registryId(), clock.now());
                tally.conflicts++;
                audit.append(tx, new AuditEvent(actor, "sync.conflict", entry.deviceId(), JsonText.of("target", target().id(), "entry", c.entryId(),
                        "registryId", c.registryId(), "registryFingerprint", c.registryFingerprint(), "detail", c.detail())));
            }
            case RegistryAnswer.Rejected r -> {
                store.record(tx, r.entryId(), target(), DeliveryState.FAILED, r.detail(), null, clock.now());
                tally.failed++;
                audit.append(tx, new AuditEvent(actor, "sync.failed", entry.deviceId(), JsonText.of("target", target().id(), "entry", r.entryId(),
                        "why", r.detail())));
            }
        }
    }

    /** The pass's counts, and the synced entries not yet in a {@code sync.synced} event. */
    private final class Tally {
        int synced;
        int alreadyThere;
        int conflicts;
        int failed;
        int skipped;
        int unsummarised;
        long firstUnsummarised;
        long lastUnsummarised;

        void synced(long entryId, boolean already) {
            synced++;
            if (already) {
                alreadyThere++;
            }
            if (unsummarised++ == 0) {
                firstUnsummarised = entryId;
            }
            lastUnsummarised = entryId;
        }

        Void summary(Connection tx, boolean always) throws StoreException {
            if (unsummarised >= SUMMARY_EVERY || (always && unsummarised > 0)) {
                audit.append(tx, new AuditEvent(actor, "sync.synced", target().id(), JsonText.of("target", target().id(), "entries", unsummarised,
                        "firstEntry", firstUnsummarised, "lastEntry", lastUnsummarised)));
                unsummarised = 0;
            }
            return null;
        }

        Outcome outcome(Optional<String> stopped) {
            return new Outcome(target(), synced, alreadyThere, conflicts, failed, skipped, stopped);
        }
    }
}

package io.imprint.station.engine;

import io.imprint.ca.issue.IssuedCertificate;
import io.imprint.device.family.BoardFamily;
import io.imprint.device.session.BoardIdentity;
import io.imprint.station.batch.Batch;
import io.imprint.station.batch.BatchStatus;
import io.imprint.station.store.AttemptRecords.Outcome;
import io.imprint.station.store.CertificateRecords.CertificateRow;
import io.imprint.station.store.CertificateRecords;
import io.imprint.station.store.DeviceRecords;
import io.imprint.station.store.DeviceRecords.DeviceRow;
import io.imprint.station.store.Sql;
import io.imprint.station.store.StoreException;
import io.imprint.station.util.JsonText;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One attempt's record in the batch log and its view on the slot, kept in step: every change is
 * committed first, then shown.
 *
 * <p>Not thread-safe: owned by its workflow.
 */
final class Attempt {

    private final Station station;
    private final String slot;
    private final String port;
    private final String operator;
    private final String batchId;
    private final SlotObserver observer;
    private final Map<String, Long> stepMillis = new LinkedHashMap<>();
    private long attemptId = -1;
    private Instant startedAt;
    private long stepStarted;
    private SlotView view;
    private Batch batch;
    private String deviceId;
    private Optional<BoardFamily> family = Optional.empty();
    private boolean claimedDevice;
    private Optional<CertificateRow> alreadyProvisioned = Optional.empty();
    private Optional<CertificateRow> orphan = Optional.empty();
    private Optional<ProvisioningFailure> onlyToResume = Optional.empty();

    Attempt(Station station, String slot, String port, String operator, String batchId, SlotObserver observer) {
        this.station = station;
        this.slot = slot;
        this.port = port;
        this.operator = operator;
        this.batchId = batchId;
        this.observer = observer;
    }

    /** Shows the board as detected. Nothing is written yet: the attempt's row goes in with the check. */
    void start() {
        startedAt = station.clock().instant();
        stepStarted = System.nanoTime();
        view = new SlotView(slot, port, Step.DETECTED, Optional.empty(), Optional.empty(), Optional.empty(), startedAt);
        observer.changed(view);
    }

    /** The board's driver answered: its family shows on the tile and goes into the log. */
    void family(BoardFamily family) {
        this.family = Optional.of(family);
        view = new SlotView(slot, port, view.step(), view.deviceId(), view.serial(), view.failure(), startedAt, this.family);
        observer.changed(view);
    }

    /** Checks the board may be provisioned in this batch now, and records it as being provisioned. */
    Batch check(BoardIdentity id) throws StoreException, ProvisioningFailure {
        deviceId = id.deviceId();
        step(Step.IDENTIFIED);
        if (!station.onSlots().claim(deviceId)) {
            deviceId = null;
            throw new ProvisioningFailure("Board " + id.deviceId() + " is on another slot at the same time (cloned id?)", Failures.SET_ASIDE + "; " + Failures.SUPERVISOR.toLowerCase());
        }
        claimedDevice = true;
        // One commit records the attempt, the device and the intent to sign it: the promise made before
        // any signature, so a crash from here on leaves a record the reconciler finds.
        batch = station.tx(tx -> {
            // Locked: serialises the checks of one batch, so two slots cannot both take the last place,
            // and a supervisor's close cannot slip in between this check and the commit.
            Batch b = station.log().batches().findForUpdate(tx, batchId).orElseThrow(() -> new ProvisioningFailure("Batch " + batchId + " does not exist", Failures.SUPERVISOR));
            if (b.status() != BatchStatus.OPEN) {
                throw new ProvisioningFailure("Batch " + b.id() + " is " + b.status().name().toLowerCase(Locale.ROOT), "Ask a supervisor to open the batch");
            }
            Optional<DeviceRow> known = station.log().devices().find(tx, deviceId);
            if (known.isPresent() && known.get().status() == DeviceRecords.Status.PROVISIONED && known.get().reprovisionBy() == null) {
                alreadyProvisioned = station.log().certificates().valid(tx, deviceId);
                insertAttempt(tx);
                return b;
            }
            boolean counted = known.isPresent() && known.get().batchId().equals(b.id())
                    && known.get().status().counted();
            long used = station.log().devices().countedAgainstQuota(tx, b.id());
            if (!counted && used >= b.quantity()) {
                ProvisioningFailure complete = new ProvisioningFailure("Batch " + b.id() + " is complete (" + used + " of " + b.quantity() + ")", "Start the next batch");
                if (station.log().certificates().valid(tx, deviceId).filter(c -> c.status() == CertificateRecords.Status.ISSUED && c.batchId().equals(b.id())).isEmpty()) {
                    throw complete;
                }
                // Signed while it held a place here, which the station gave away when it lost the board (killed,
                // or failed after signing). The board may be LOCKED with that certificate already: it may finish
                // with it, one over the quantity, but gets nothing newly signed (needsPlace).
                onlyToResume = Optional.of(complete);
            }
            station.log().devices().startProvisioning(tx, deviceId, b.id(), id.chipUidHex(), id.hardwareRevision(), id.firmwareVersion(), station.clock().instant());
            insertAttempt(tx);
            station.log().attempts().step(tx, attemptId, Step.CHECKED.name(), deviceId, null);
            orphan = station.log().certificates().valid(tx, deviceId).filter(c -> c.status() == CertificateRecords.Status.ISSUED);
            return b;
        });
        if (alreadyProvisioned.isEmpty()) {
            show(Step.CHECKED, Optional.empty());
        }
        return batch;
    }

    /** The valid certificate of a device this station already provisioned (and not authorised again). */
    Optional<CertificateRow> alreadyProvisioned() {
        return alreadyProvisioned;
    }

    /** Refuses a board let in only to finish with the certificate it was given, now that it cannot prove that key. */
    void needsPlace() throws ProvisioningFailure {
        if (onlyToResume.isPresent()) {
            throw onlyToResume.get();
        }
    }

    private void insertAttempt(java.sql.Connection tx) throws StoreException {
        if (attemptId < 0) {
            attemptId = station.log().attempts().start(tx, batchId, slot, port, operator, startedAt);
        }
    }

    /** A certificate an earlier, interrupted attempt issued for this device and no board acknowledged. */
    Optional<CertificateRow> reusableCertificate() {
        return orphan;
    }

    void revokeOrphan(CertificateRow orphan) throws StoreException, ProvisioningFailure {
        station.tx(tx -> {
            revoke(tx, orphan.serial(), "superseded", "board returned with another key");
            return null;
        });
    }

    private void revoke(java.sql.Connection tx, String serial, String reason, String why) throws StoreException {
        Instant now = station.clock().instant();
        station.log().certificates().revoke(tx, serial, reason, now);
        station.log().outbox().add(tx, batchId, deviceId, "CERTIFICATE_REVOKED", JsonText.of("deviceId", deviceId, "serial", serial, "reason", reason), now);
        station.audit(tx, operator, "certificate.revoked", serial, "deviceId", deviceId, "reason", reason, "why", why);
    }

    CertificateRow recordIssued(IssuedCertificate cert) throws StoreException, ProvisioningFailure {
        CertificateRow row = new CertificateRow(cert.serialHex(), deviceId, batch.id(), cert.profile(), cert.pem(), cert.sha256Fingerprint(),
                Certificates.publicKeySha256(Certificates.spki(cert)), cert.notBefore(), cert.notAfter(), CertificateRecords.Status.ISSUED);
        station.tx(tx -> {
            Optional<DeviceRow> device = station.log().devices().find(tx, deviceId);
            if (device.isPresent() && device.get().certificateSerial() != null && device.get().reprovisionBy() != null) {
                revoke(tx, device.get().certificateSerial(), "superseded", "re-provisioning authorised by " + device.get().reprovisionBy());
            }
            station.log().certificates().insertIssued(tx, row, station.clock().instant());
            station.log().attempts().step(tx, attemptId, Step.SIGNED.name(), null, row.serial());
            station.audit(tx, operator, "certificate.issued", row.serial(), "deviceId", deviceId, "batch", batch.id(),
                    "profile", row.profile(), "sha256", row.sha256());
            return null;
        });
        show(Step.SIGNED, Optional.empty(), row.serial());
        return row;
    }

    void resumed(CertificateRow cert) throws StoreException, ProvisioningFailure {
        station.tx(tx -> {
            station.log().attempts().step(tx, attemptId, Step.SIGNED.name(), null, cert.serial());
            station.audit(tx, operator, "certificate.resumed", cert.serial(), "deviceId", deviceId,
                    "why", "board returned holding the key of its recorded certificate");
            return null;
        });
        show(Step.SIGNED, Optional.empty(), cert.serial());
    }

    /** Progress between the durable points is shown, not written: the record keeps the last promise kept. */
    void step(Step step) {
        show(step, Optional.empty());
    }

    SlotView pass(CertificateRow cert) throws StoreException, ProvisioningFailure {
        timeStep(Step.PASSED);
        station.tx(tx -> {
            Instant now = station.clock().instant();
            station.log().certificates().acknowledge(tx, cert.serial());
            station.log().devices().markProvisioned(tx, deviceId, cert.serial(), now);
            station.log().attempts().step(tx, attemptId, Step.PASSED.name(), null, cert.serial());
            station.log().attempts().finish(tx, attemptId, Outcome.PASSED, null, null, stepMillis, now);
            station.log().outbox().add(tx, batch.id(), deviceId, "DEVICE_PROVISIONED", outboxPayload(cert), now);
            station.audit(tx, operator, "device.provisioned", deviceId, "batch", batch.id(), "serial", cert.serial(),
                    "slot", slot, "sha256", cert.sha256(), "family", familyName());
            return null;
        });
        release();
        return show(Step.PASSED, Optional.empty(), cert.serial());
    }

    /** A CLAIM board locked with its batch's claim: it has no certificate of its own to acknowledge (see ClaimInstall). */
    SlotView passClaim(String claimSha256, String outboxPayload) throws StoreException, ProvisioningFailure {
        timeStep(Step.PASSED);
        station.tx(tx -> {
            Instant now = station.clock().instant();
            station.log().devices().markProvisioned(tx, deviceId, null, now);
            station.log().attempts().finish(tx, attemptId, Outcome.PASSED, null, null, stepMillis, now);
            station.log().outbox().add(tx, batch.id(), deviceId, "DEVICE_PROVISIONED", outboxPayload, now);
            station.audit(tx, operator, "device.provisioned", deviceId, "batch", batch.id(), "claimSha256", claimSha256, "slot", slot);
            return null;
        });
        release();
        return show(Step.PASSED, Optional.empty(), null);
    }

    private String outboxPayload(CertificateRow cert) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("deviceId", deviceId);
        p.put("batch", batch.id());
        p.put("product", batch.product());
        p.put("role", batch.role());
        p.put("serial", cert.serial());
        p.put("certificateSha256", cert.sha256());
        batch.cloud().thingGroup().ifPresent(g -> p.put("thingGroup", g));
        batch.cloud().policyName().ifPresent(g -> p.put("policyName", g));
        batch.cloud().thingType().ifPresent(g -> p.put("thingType", g));
        p.put("attributes", batch.cloud().attributes());
        return JsonText.object(p);
    }

    private String familyName() {
        return family.map(BoardFamily::label).orElse("unknown");
    }

    SlotView fail(ProvisioningFailure failure) {
        timeStep(view.step());
        try {
            station.tx(tx -> {
                Instant now = station.clock().instant();
                insertAttempt(tx);
                station.log().attempts().step(tx, attemptId, view.step().name(), deviceId, view.serial().orElse(null));
                station.log().attempts().finish(tx, attemptId, Outcome.FAILED, failure.failure().reason(), failure.failure().nextAction(), stepMillis, now);
                if (deviceId != null && claimedDevice) {
                    station.log().devices().markFailed(tx, deviceId);
                }
                station.audit(tx, operator, "attempt.failed", deviceId == null ? port : deviceId, "slot", slot,
                        "step", view.step().name(), "reason", failure.failure().reason(), "family", familyName());
                return null;
            });
        } catch (StoreException | ProvisioningFailure e) {
            org.slf4j.LoggerFactory.getLogger(Attempt.class).error("cannot record the failure of attempt {} on {}: {}", attemptId, slot, e.getMessage());
        }
        release();
        return show(Step.FAILED, Optional.of(failure.failure()));
    }

    /**
     * The station was told to stop while this attempt ran, and cancelled it: recorded ABANDONED, as the
     * reconciler records an attempt a kill cut short, but now, with its reason and audit event, rather
     * than at the next start. A certificate already issued stays ISSUED: the board put back resumes with it.
     */
    SlotView abandon() {
        timeStep(view.step());
        SlotView.Failure stopped = new SlotView.Failure(Failures.STOPPED, Failures.PUT_BACK, SlotView.Failure.Cause.STOPPED);
        try {
            station.tx(tx -> {
                Instant now = station.clock().instant();
                insertAttempt(tx);
                station.log().attempts().step(tx, attemptId, view.step().name(), deviceId, view.serial().orElse(null));
                station.log().attempts().finish(tx, attemptId, Outcome.ABANDONED, stopped.reason(), stopped.nextAction(), stepMillis, now);
                if (deviceId != null && claimedDevice) {
                    station.log().devices().markFailed(tx, deviceId);
                }
                station.audit(tx, operator, "attempt.abandoned", deviceId == null ? port : deviceId, "slot", slot,
                        "step", view.step().name(), "reason", stopped.reason(), "serial", view.serial().orElse(null), "family", familyName());
                return null;
            });
        } catch (StoreException | ProvisioningFailure e) {
            // The row stays unfinished: the reconciler marks it ABANDONED at the next start.
            org.slf4j.LoggerFactory.getLogger(Attempt.class).error("cannot record the stop of attempt {} on {}: {}", attemptId, slot, e.getMessage());
        }
        release();
        return show(Step.FAILED, Optional.of(stopped));
    }

    private void release() {
        if (claimedDevice) {
            station.onSlots().release(deviceId);
            claimedDevice = false;
        }
    }

    private void timeStep(Step reached) {
        long now = System.nanoTime();
        stepMillis.merge(reached.name(), (now - stepStarted) / 1_000_000, Long::sum);
        stepStarted = now;
    }

    private SlotView show(Step step, Optional<SlotView.Failure> failure) {
        return show(step, failure, view.serial().orElse(null));
    }

    private SlotView show(Step step, Optional<SlotView.Failure> failure, String serial) {
        if (!step.finished()) {
            timeStep(step);
        }
        view = new SlotView(slot, port, step, Optional.ofNullable(deviceId), Optional.ofNullable(serial), failure, startedAt, family);
        observer.changed(view);
        return view;
    }
}

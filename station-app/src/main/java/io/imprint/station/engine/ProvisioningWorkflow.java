package io.imprint.station.engine;

import io.imprint.ca.CaException;
import io.imprint.ca.issue.IssueRequest;
import io.imprint.ca.issue.IssuedCertificate;
import io.imprint.ca.issue.Pem;
import io.imprint.device.protocol.BoardState;
import io.imprint.device.protocol.KeyType;
import io.imprint.device.session.BoardException;
import io.imprint.device.session.BoardIdentity;
import io.imprint.device.session.BoardSession;
import io.imprint.device.session.Credentials;
import io.imprint.device.session.LinkTiming;
import io.imprint.device.transport.Transport;
import io.imprint.station.audit.AuditEvent;
import io.imprint.station.batch.Batch;
import io.imprint.station.batch.Strategy;
import io.imprint.station.store.CertificateRecords.CertificateRow;
import io.imprint.station.store.StoreException;
import io.imprint.station.store.Transactions;
import io.imprint.station.util.JsonText;
import java.sql.Connection;
import java.util.Optional;

/**
 * One board through one slot: detected, identified, checked, key and CSR, signed, installed, key
 * proven, locked, passed — or failed with a reason and a next action. Durable at every promise: the
 * intent is committed before signing, the certificate before it is sent to the board, the board's
 * acknowledgement before the slot shows PASS. A board that returns after a crash holding the key of
 * its recorded certificate gets that same certificate; an orphaned certificate is revoked.
 *
 * <p>Not thread-safe: one instance per attempt, run on its slot's thread.
 */
public final class ProvisioningWorkflow {

    private final Station station;
    private final Attempt attempt;
    private final Transport transport;
    private final LinkTiming timing;

    public ProvisioningWorkflow(Station station, String slot, Transport transport, LinkTiming timing, String operator, String batchId, SlotObserver observer) {
        this.station = station;
        this.transport = transport;
        this.timing = timing;
        this.attempt = new Attempt(station, slot, transport.identity().path(), operator, batchId, observer);
    }

    /** Runs the board to PASS or FAIL; returns the final view. Never throws for a board's failure. */
    public SlotView run() {
        attempt.start();
        try (BoardSession session = BoardSession.open(transport, timing)) {
            BoardIdentity id = session.identify();
            Batch batch = attempt.check(id);
            if (attempt.alreadyProvisioned().isPresent()) {
                throw alreadyProvisioned(session, id.deviceId(), attempt.alreadyProvisioned().get());
            }
            if (batch.strategy() == Strategy.CLAIM) {
                return new ClaimInstall(station, attempt, session).run(batch, id.deviceId());
            }
            Optional<CertificateRow> orphan = attempt.reusableCertificate();
            if (orphan.isPresent() && new KeyProof(session).holds(orphan.get())) {
                return resume(session, orphan.get());
            }
            if (orphan.isPresent()) {
                attempt.revokeOrphan(orphan.get());
            }
            attempt.needsPlace();
            if (session.status().state() == BoardState.LOCKED) {
                throw new ProvisioningFailure("Board is already locked with an identity this station did not give it", Failures.SUPERVISOR);
            }
            attempt.step(Step.KEY_CSR);
            byte[] csr = new KeyMaterial(batch.strategy(), session).csrFor(id.deviceId());
            CaQuota.ensure(station, batch);
            IssuedCertificate cert = station.ca().issue(new IssueRequest(Pem.encode("CERTIFICATE REQUEST", csr), id.deviceId(),
                    batch.profile(), Optional.of(batch.id())));
            CertificateRow row = attempt.recordIssued(cert);
            return install(session, row);
        } catch (BoardException e) {
            return attempt.fail(Failures.of(e));
        } catch (CaException e) {
            return attempt.fail(Failures.of(e));
        } catch (StoreException e) {
            return attempt.fail(Failures.of(e));
        } catch (ProvisioningFailure e) {
            return attempt.fail(e);
        }
    }

    private SlotView install(BoardSession session, CertificateRow cert) throws BoardException, ProvisioningFailure, StoreException {
        session.install(Credentials.device(Certificates.der(cert.pem()), station.ca().chain().stream().map(Certificates::der).toList()));
        attempt.step(Step.INSTALLED);
        if (!new KeyProof(session).holds(cert)) {
            throw new ProvisioningFailure("Board could not prove it holds the key of its new certificate", Failures.SET_ASIDE);
        }
        attempt.step(Step.VERIFIED);
        session.lock();
        attempt.step(Step.LOCKED);
        return attempt.pass(cert);
    }

    /** The same board put back once done, or another board claiming a provisioned id: tell the operator which. */
    private static ProvisioningFailure alreadyProvisioned(BoardSession session, String deviceId, CertificateRow cert) throws BoardException {
        if (new KeyProof(session).holds(cert)) {
            return new ProvisioningFailure("Already provisioned: this board is done (" + deviceId + ")", "Remove the board");
        }
        return new ProvisioningFailure("Duplicate device id " + deviceId + ": another board already holds this identity",
                Failures.SET_ASIDE + "; " + Failures.SUPERVISOR.toLowerCase());
    }

    /** The board came back holding the key of its recorded certificate: finish with that certificate. */
    private SlotView resume(BoardSession session, CertificateRow cert) throws BoardException, ProvisioningFailure, StoreException {
        attempt.resumed(cert);
        BoardState state = session.status().state();
        if (state == BoardState.LOCKED) {
            return attempt.pass(cert);
        }
        if (state == BoardState.COMMITTED) {
            // It stored the credentials before the interruption; proven key, so they are this certificate's.
            session.lockCommitted();
            attempt.step(Step.LOCKED);
            return attempt.pass(cert);
        }
        return install(session, cert);
    }

    static void audit(Station station, Connection tx, String actor, String action, String subject, Object... details) throws StoreException {
        station.audit().append(tx, new AuditEvent(actor, action, subject, JsonText.of(details)));
    }

    static <T> T tx(Station station, Transactions.Work<T, ProvisioningFailure> work) throws StoreException, ProvisioningFailure {
        return station.db().groupCommit().run(work);
    }
}

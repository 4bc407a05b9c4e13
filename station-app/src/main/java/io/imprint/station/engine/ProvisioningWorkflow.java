package io.imprint.station.engine;

import io.imprint.ca.CaException;
import io.imprint.ca.issue.IssueRequest;
import io.imprint.ca.issue.IssuedCertificate;
import io.imprint.device.family.Board;
import io.imprint.device.family.BoardOpener;
import io.imprint.device.family.ImprintBoard;
import io.imprint.device.session.BoardException;
import io.imprint.device.session.BoardIdentity;
import io.imprint.device.session.LinkTiming;
import io.imprint.device.transport.Transport;
import io.imprint.station.batch.Batch;
import io.imprint.station.batch.Strategy;
import io.imprint.station.store.CertificateRecords.CertificateRow;
import io.imprint.station.store.StoreException;
import java.util.List;
import java.util.Optional;

/**
 * One board through one slot: detected, identified, checked, key and CSR, signed, installed, key
 * proven, locked, passed — or failed with a reason and a next action. Durable at every promise: the
 * intent is committed before signing, the certificate before it is sent to the board, the board's
 * acknowledgement before the slot shows PASS. A board that returns after a crash holding the key of
 * its recorded certificate gets that same certificate; an orphaned certificate is revoked.
 *
 * <p>{@link #cancel()} stops the attempt when the station is told to stop: the board's call in flight
 * ends, and the attempt is recorded ABANDONED (the board was not finished), never FAILED for a port
 * the station closed itself, nor PASSED unless the board had locked and acknowledged already.
 *
 * <p>Not thread-safe: one instance per attempt, run on its slot's thread; only {@link #cancel()} may
 * be called from any thread.
 */
public final class ProvisioningWorkflow {

    private final Station station;
    private final Attempt attempt;
    private final BoardOpener opener;
    private volatile boolean cancelled;
    /** The open board, for {@link #cancel()}; null before it opens. */
    private volatile Board open;

    /** An Imprint-protocol board on {@code transport}. */
    public ProvisioningWorkflow(Station station, String slot, Transport transport, LinkTiming timing, String operator, String batchId, SlotObserver observer) {
        this(station, slot, transport.identity().path(), () -> ImprintBoard.open(transport, timing), operator, batchId, observer);
    }

    /** A board of whichever family {@code opener} opens on {@code port}. */
    public ProvisioningWorkflow(Station station, String slot, String port, BoardOpener opener, String operator, String batchId, SlotObserver observer) {
        this.station = station;
        this.opener = opener;
        this.attempt = new Attempt(station, slot, port, operator, batchId, observer);
    }

    /** Runs the board to PASS or FAIL; returns the final view. Never throws for a board's failure. */
    public SlotView run() {
        attempt.start();
        opener.family().ifPresent(attempt::family);
        try (Board board = opener.open()) {
            open = board;
            // cancel() sets the flag before it reads the board, this reads it after setting the board: one sees the other.
            if (cancelled) {
                board.cancel();
            }
            if (opener.family().isEmpty()) {
                attempt.family(board.family());
            }
            BoardIdentity id = board.identify();
            Batch batch = attempt.check(id);
            if (attempt.alreadyProvisioned().isPresent()) {
                throw alreadyProvisioned(board, id.deviceId(), attempt.alreadyProvisioned().get());
            }
            if (batch.strategy() == Strategy.CLAIM) {
                if (!(board instanceof ImprintBoard imprint)) {
                    throw new ProvisioningFailure("Claim batches need boards that speak the Imprint protocol; this is a " + board.family().label() + " board",
                            "Check the batch is the right one for this board; " + Failures.SUPERVISOR.toLowerCase());
                }
                return new ClaimInstall(station, attempt, imprint).run(batch, id.deviceId());
            }
            Optional<CertificateRow> orphan = attempt.reusableCertificate();
            if (orphan.isPresent() && holds(board, orphan.get())) {
                return resume(board, orphan.get());
            }
            if (orphan.isPresent()) {
                attempt.revokeOrphan(orphan.get());
                board.clearUnfinished();
            }
            attempt.needsPlace();
            if (board.progress() == Board.Progress.LOCKED) {
                throw new ProvisioningFailure("Board is already locked with an identity this station did not give it", Failures.SUPERVISOR);
            }
            attempt.step(Step.KEY_CSR);
            byte[] csr = new KeyMaterial(batch.strategy(), board).csrFor(id.deviceId());
            CaQuota.ensure(station, batch);
            IssuedCertificate cert = station.ca().issue(new IssueRequest(csr, id.deviceId(),
                    batch.profile(), Optional.of(batch.id())));
            CertificateRow row = attempt.recordIssued(cert);
            return install(board, row);
        } catch (BoardException e) {
            return failed(Failures.of(e));
        } catch (CaException e) {
            return failed(Failures.of(e));
        } catch (StoreException e) {
            return failed(Failures.of(e));
        } catch (ProvisioningFailure e) {
            return failed(e);
        } finally {
            open = null;
        }
    }

    /**
     * Stops this attempt from any thread: the board's call in flight fails, and {@link #run()} returns
     * the attempt recorded ABANDONED. A board that already locked and was acknowledged still passes.
     */
    public void cancel() {
        cancelled = true;
        Board board = open;
        if (board != null) {
            board.cancel();
        }
    }

    /**
     * Once cancelled, whatever broke was the stop's doing (a closed port reads as a cut or garbled line,
     * a proof cut short as a board that cannot prove its key): the board is not to blame.
     */
    private SlotView failed(ProvisioningFailure failure) {
        return cancelled ? attempt.abandon() : attempt.fail(failure);
    }

    private SlotView install(Board board, CertificateRow cert) throws BoardException, ProvisioningFailure, StoreException {
        board.install(Certificates.der(cert.pem()), chain());
        attempt.step(Step.INSTALLED);
        if (!holds(board, cert)) {
            throw new ProvisioningFailure("Board could not show it holds its new certificate and key", Failures.SET_ASIDE);
        }
        attempt.step(Step.VERIFIED);
        board.lock();
        attempt.step(Step.LOCKED);
        return attempt.pass(cert);
    }

    /** The same board put back once done, or another board claiming a provisioned id: tell the operator which. */
    private ProvisioningFailure alreadyProvisioned(Board board, String deviceId, CertificateRow cert) throws BoardException {
        if (holds(board, cert)) {
            return new ProvisioningFailure("Already provisioned: this board is done (" + deviceId + ")", "Remove the board");
        }
        return new ProvisioningFailure("Duplicate device id " + deviceId + ": another board already holds this identity",
                Failures.SET_ASIDE + "; " + Failures.SUPERVISOR.toLowerCase());
    }

    /** The board came back holding the key of its recorded certificate: finish with that certificate. */
    private SlotView resume(Board board, CertificateRow cert) throws BoardException, ProvisioningFailure, StoreException {
        attempt.resumed(cert);
        Board.Progress progress = board.progress();
        if (progress == Board.Progress.LOCKED) {
            return attempt.pass(cert);
        }
        if (progress == Board.Progress.COMMITTED) {
            // It stored the credentials before the interruption; it showed them, so they are this certificate's.
            board.lockCommitted();
            attempt.step(Step.LOCKED);
            return attempt.pass(cert);
        }
        return install(board, cert);
    }

    private boolean holds(Board board, CertificateRow cert) throws BoardException {
        return KeyProof.holds(board, Certificates.der(cert.pem()), chain());
    }

    private List<byte[]> chain() {
        return station.ca().chain().stream().map(Certificates::der).toList();
    }
}

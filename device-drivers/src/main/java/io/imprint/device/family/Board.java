package io.imprint.device.family;

import io.imprint.device.session.BoardException;
import io.imprint.device.session.BoardIdentity;
import io.imprint.device.session.LinkStats;
import java.util.List;

/**
 * One board of any family, as the station's workflow sees it: identify, key or CSR, install, verify,
 * lock. Each family maps these onto its own wire (the Imprint protocol, nRF91 AT commands, Zephyr SMP)
 * and says failures as {@link BoardException}s whose message an operator can read.
 *
 * <p>Not thread-safe: one workflow thread drives a board, except {@link #cancel()}, which any thread may
 * call to end a blocked call with {@link BoardException.Reason#CANCELLED}.
 */
public interface Board extends AutoCloseable {

    BoardFamily family();

    /** The port the board is on, as messages name it. */
    String port();

    BoardIdentity identify() throws BoardException;

    /** Whether the board makes its own key and CSR; if not, the station injects one. */
    boolean makesOwnKey();

    /**
     * The board makes its key and returns a CSR (DER) for {@code CN=subjectCn}, already checked: its
     * signature verifies and its subject is exactly that CN.
     *
     * @throws BoardException UNSUPPORTED if the board cannot make keys
     */
    byte[] generateKeyAndCsr(String subjectCn) throws BoardException;

    /**
     * Gives the board a station-made EC P-256 private key (PKCS#8 DER) and wipes {@code pkcs8}, whatever
     * happens. The key is never logged, written or put in a message.
     *
     * @throws BoardException UNSUPPORTED if the board only uses keys it made
     */
    void injectKey(byte[] pkcs8) throws BoardException;

    /** Writes the device certificate and its CA chain (each DER, issuing CA first) where the board keeps them. */
    void install(byte[] certificateDer, List<byte[]> chainDer) throws BoardException;

    /** What the board can show that it holds this certificate (and chain) now. */
    Evidence verify(byte[] certificateDer, List<byte[]> chainDer) throws BoardException;

    /** Where a board that comes back after an interruption stands. */
    Progress progress() throws BoardException;

    /**
     * Removes what an earlier, unfinished run of this station left on the board (its key and credentials),
     * so it can be provisioned afresh. Called only after the station revoked the certificate it had
     * recorded for this board, so nothing removed is anyone else's. Families whose writes replace what was
     * there need do nothing.
     */
    default void clearUnfinished() throws BoardException {
    }

    /** Makes the installed identity final (for families with nothing to close, what the family's Javadoc says). */
    void lock() throws BoardException;

    /** Finishes a board whose credentials are already permanent ({@link Progress#COMMITTED}). */
    default void lockCommitted() throws BoardException {
        lock();
    }

    LinkStats stats();

    /** Ends the current call from any thread. */
    void cancel();

    /** Closes the port; never throws. */
    @Override
    void close();

    /** Where a board stands: still open to writes, credentials made permanent, or closed for good. */
    enum Progress { OPEN, COMMITTED, LOCKED }
}

package io.imprint.station.claim;

import io.imprint.ca.CaException;
import io.imprint.ca.issue.CertificateAuthority;
import io.imprint.ca.issue.IssueRequest;
import io.imprint.ca.issue.IssuedCertificate;
import io.imprint.ca.issue.Pem;
import io.imprint.ca.key.SecretSealer;
import io.imprint.device.session.Credentials;
import io.imprint.station.audit.AuditEvent;
import io.imprint.station.audit.AuditTrail;
import io.imprint.station.batch.Batch;
import io.imprint.station.batch.BatchRepository;
import io.imprint.station.batch.Strategy;
import io.imprint.station.claim.ClaimException.Reason;
import io.imprint.station.store.ClaimRecords;
import io.imprint.station.store.ClaimRecords.ClaimRow;
import io.imprint.station.store.Sql;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import io.imprint.station.store.Transactions;
import io.imprint.station.util.JsonText;
import java.security.KeyPair;
import java.sql.Connection;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The claim credential of each CLAIM batch: one certificate and key shared by the batch's boards,
 * issued here under the CA's {@code claim} profile or imported from a cloud provider. The key is kept
 * only sealed by the token's {@link SecretSealer} (AES-GCM, batch id as associated data) and unsealed
 * for one board at a time; no more boards than the batch's quantity ever receive it.
 *
 * <p>Claim issuance spends a quota of its own in the CA's ledger, {@code claim:<batch>} bound to one:
 * the batch quota counts device certificates, which a claim batch never asks for, and a station that
 * tried to mint a second claim certificate for a batch in one run is refused by the CA itself.
 *
 * <p>Thread-safe: every operation locks the batch's row in its transaction.
 */
public final class ClaimCredentials {

    public static final String PROFILE = "claim";
    public static final String SEAL_KEY = "station-seal";
    private static final Logger LOG = LoggerFactory.getLogger(ClaimCredentials.class);
    private static final BatchRepository BATCHES = new BatchRepository();
    private static final ClaimRecords CLAIMS = new ClaimRecords();

    private final StationDatabase db;
    private final CertificateAuthority ca;
    private final AuditTrail audit;
    private final SecretSealer sealer;
    private final Clock clock;

    public ClaimCredentials(StationDatabase db, CertificateAuthority ca, AuditTrail audit, SecretSealer sealer, Clock clock) {
        this.db = db;
        this.ca = ca;
        this.audit = audit;
        this.sealer = sealer;
        this.clock = clock;
    }

    /** The batch's claim credential; issues it, in one transaction with its audit event, if the batch has none. */
    public ClaimCredential getOrCreate(String batchId, String actor) throws ClaimException, StoreException {
        return Transactions.inTransaction(db, tx -> {
            lockClaimBatch(tx, batchId);
            Optional<ClaimRow> known = CLAIMS.find(tx, batchId);
            return ClaimView.of(known.isPresent() ? known.get() : issue(tx, batchId, actor));
        });
    }

    /** A claim credential made by a cloud provider; refused if the batch already has one (boards may hold it). */
    public ClaimCredential importClaim(String batchId, String certificatePem, char[] keyPem, String supervisor) throws ClaimException, StoreException {
        X509CertificateHolder cert = ClaimKeys.certificate(certificatePem);
        if (!cert.isValidOn(java.util.Date.from(clock.instant()))) {
            throw new ClaimException(Reason.BAD_IMPORT, "the claim certificate is not valid now (" + cert.getNotBefore().toInstant() + " to " + cert.getNotAfter().toInstant() + ")");
        }
        byte[] pkcs8 = ClaimKeys.pkcs8(keyPem);
        try {
            ClaimKeys.checkPair(cert, pkcs8);
            byte[] der = ClaimKeys.der(cert);
            ClaimRow row = new ClaimRow(batchId, Pem.encode("CERTIFICATE", der), Pem.sha256Hex(der), seal(batchId, pkcs8), ClaimSource.IMPORTED.name());
            return Transactions.inTransaction(db, tx -> {
                lockClaimBatch(tx, batchId);
                if (CLAIMS.find(tx, batchId).isPresent()) {
                    throw new ClaimException(Reason.ALREADY_SET, "batch " + batchId + " already has a claim certificate; it is never replaced");
                }
                CLAIMS.insert(tx, row);
                audit.append(tx, new AuditEvent(supervisor, "claim.imported", batchId, JsonText.of("serial", cert.getSerialNumber().toString(16),
                        "sha256", row.certificateSha256(), "issuer", cert.getIssuer().toString(), "notAfter", cert.getNotAfter().toInstant().toString())));
                LOG.info("claim certificate {} imported for batch {} by {}", row.certificateSha256(), batchId, supervisor);
                return ClaimView.of(row);
            });
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    /**
     * Records {@code deviceId} as a recipient of the batch's claim (again: no second place) and returns
     * the credentials to install, the claim key unsealed for this board only: the caller wipes
     * {@code claimKey()} once it is sent. The recipient row is in {@code tx}: commit it before sending.
     *
     * @throws ClaimException BATCH_COMPLETE once the batch's quantity of boards have received the claim
     */
    public Credentials forBoard(Connection tx, Batch batch, String deviceId) throws ClaimException, StoreException {
        Batch locked = lockClaimBatch(tx, batch.id());
        ClaimRow row = CLAIMS.find(tx, batch.id()).orElseThrow(() -> new ClaimException(Reason.NO_CREDENTIAL,
                "batch " + batch.id() + " has no claim certificate yet"));
        if (!CLAIMS.isRecipient(tx, batch.id(), deviceId)) {
            long given = CLAIMS.recipients(tx, batch.id());
            if (given >= locked.quantity()) {
                throw new ClaimException(Reason.BATCH_COMPLETE, "Claim batch complete: " + given + " of " + locked.quantity()
                        + " boards of batch " + batch.id() + " have its claim");
            }
            CLAIMS.addRecipient(tx, batch.id(), deviceId, row.certificateSha256(), clock.instant());
            audit.append(tx, new AuditEvent("station", "claim.delivered", deviceId, JsonText.of("batch", batch.id(), "sha256", row.certificateSha256())));
        }
        byte[] key = unseal(row);
        LOG.debug("claim {} of batch {} unsealed for board {}", row.certificateSha256(), batch.id(), deviceId);
        List<byte[]> chain = ClaimSource.valueOf(row.source()) == ClaimSource.ISSUED ? ClaimView.chainDer(ca) : List.of();
        return new Credentials(Optional.empty(), chain, Optional.of(ClaimView.der(row.certificatePem())), Optional.of(key), Optional.empty());
    }

    private ClaimRow issue(Connection tx, String batchId, String actor) throws ClaimException, StoreException {
        KeyPair pair = ClaimKeys.newP256();
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        try {
            String quota = "claim:" + batchId;
            ca.ledger().bindQuota(quota, 1);
            IssuedCertificate cert = ca.issue(new IssueRequest(ClaimKeys.csrDer(pair, "claim-" + batchId), "claim-" + batchId, PROFILE, Optional.of(quota)));
            ClaimRow row = new ClaimRow(batchId, cert.pem(), cert.sha256Fingerprint(), seal(batchId, pkcs8), ClaimSource.ISSUED.name());
            CLAIMS.insert(tx, row);
            audit.append(tx, new AuditEvent(actor, "claim.issued", batchId, JsonText.of("serial", cert.serialHex(), "sha256", row.certificateSha256(),
                    "profile", PROFILE, "notAfter", cert.notAfter().toString(), "sealedBy", SEAL_KEY)));
            LOG.info("claim certificate {} issued for batch {}; its key is kept sealed by '{}'", cert.serialHex(), batchId, SEAL_KEY);
            return row;
        } catch (CaException e) {
            throw new ClaimException(Reason.ISSUANCE, "the CA did not issue the claim certificate of batch " + batchId + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(pkcs8, (byte) 0);
        }
    }

    private byte[] seal(String batchId, byte[] pkcs8) throws ClaimException {
        try {
            return sealer.seal(SEAL_KEY, pkcs8, ClaimView.associatedData(batchId));
        } catch (CaException e) {
            throw new ClaimException(Reason.SEALING, "the token could not seal the claim key of batch " + batchId + ": " + e.getMessage(), e);
        }
    }

    private byte[] unseal(ClaimRow row) throws ClaimException {
        try {
            return sealer.unseal(SEAL_KEY, row.sealedKey(), ClaimView.associatedData(row.batchId()));
        } catch (CaException e) {
            throw new ClaimException(Reason.SEALING, "the claim key of batch " + row.batchId() + " did not unseal: " + e.getMessage(), e);
        }
    }

    /** The batch's row, locked for this transaction so counts and get-or-create are serialised per batch. */
    private static Batch lockClaimBatch(Connection tx, String batchId) throws ClaimException, StoreException {
        Sql.query(tx, "SELECT batch_id FROM batches WHERE batch_id = ? FOR UPDATE", rs -> rs.getString(1), batchId);
        Batch batch = BATCHES.find(tx, batchId).orElseThrow(() -> new ClaimException(Reason.NOT_A_CLAIM_BATCH, "batch " + batchId + " does not exist"));
        if (batch.strategy() != Strategy.CLAIM) {
            throw new ClaimException(Reason.NOT_A_CLAIM_BATCH, "batch " + batchId + " uses " + batch.strategy() + ", not CLAIM");
        }
        return batch;
    }
}

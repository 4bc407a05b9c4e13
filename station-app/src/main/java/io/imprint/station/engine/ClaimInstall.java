package io.imprint.station.engine;

import io.imprint.device.protocol.BoardState;
import io.imprint.device.session.BoardException;
import io.imprint.device.family.ImprintBoard;
import io.imprint.device.session.BoardSession;
import io.imprint.device.session.Credentials;
import io.imprint.station.batch.Batch;
import io.imprint.station.batch.Strategy;
import io.imprint.station.claim.ClaimCredential;
import io.imprint.station.claim.ClaimCredentials;
import io.imprint.station.claim.ClaimException;
import io.imprint.station.store.StoreException;
import io.imprint.station.store.Transactions;
import io.imprint.station.util.JsonText;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A board of a CLAIM batch, after it was checked: it makes a key of its own (see {@link KeyMaterial}),
 * is recorded as a recipient of the batch's claim, receives the claim certificate, claim key and CA
 * chain, commits and locks. No certificate is issued for the board, so the device row keeps no
 * certificate serial: the claim certificate is the batch's, and a serial there would have the
 * re-provisioning path revoke it for every board of the batch.
 *
 * <p>No VERIFY: a board answers VERIFY with its own key (BoardFirmware signs with the flash key), not
 * with the claim key, and the station holds no certificate for the board's key. What makes the claim
 * safe is that the recipient is recorded before the key is sent and that COMMIT succeeded.
 *
 * <p>Not thread-safe: one per attempt, on its slot's thread.
 */
final class ClaimInstall {

    private final Station station;
    private final Attempt attempt;
    private final ImprintBoard board;
    private final BoardSession session;

    ClaimInstall(Station station, Attempt attempt, ImprintBoard board) {
        this.station = station;
        this.attempt = attempt;
        this.board = board;
        this.session = board.session();
    }

    SlotView run(Batch batch, String deviceId) throws BoardException, ProvisioningFailure, StoreException {
        ClaimCredentials claims = station.claims().orElseThrow(() -> new ProvisioningFailure(
                "This station cannot keep claim keys: its key store cannot seal them", Failures.SUPERVISOR));
        if (session.status().state() == BoardState.LOCKED) {
            // Its VERIFY proves its own key, which no certificate here names: a clone would answer the same.
            throw new ProvisioningFailure("Board " + deviceId + " is already locked", "Remove the board; if it never passed here, " + Failures.SUPERVISOR.toLowerCase());
        }
        attempt.step(Step.KEY_CSR);
        new KeyMaterial(Strategy.CLAIM, board).csrFor(deviceId);
        try {
            ClaimCredential claim = claims.getOrCreate(batch.id(), "station");
            Credentials credentials = Transactions.inTransaction(station.db(), tx -> claims.forBoard(tx, batch, deviceId));
            try {
                session.install(credentials);
            } finally {
                credentials.claimKey().ifPresent(key -> Arrays.fill(key, (byte) 0));
            }
            attempt.step(Step.INSTALLED);
            session.lock();
            attempt.step(Step.LOCKED);
            return attempt.passClaim(claim.certificateSha256(), payload(batch, deviceId, claim));
        } catch (ClaimException e) {
            throw failure(e);
        }
    }

    static ProvisioningFailure failure(ClaimException e) {
        return switch (e.reason()) {
            case BATCH_COMPLETE -> new ProvisioningFailure(e.getMessage(), "Start the next batch", e);
            case ISSUANCE -> new ProvisioningFailure("The CA could not issue the batch's claim certificate",
                    "Check the HSM is connected and unlocked; " + Failures.SUPERVISOR.toLowerCase(), e);
            case SEALING -> new ProvisioningFailure("The batch's claim key could not be unsealed or sealed by the token", Failures.SUPERVISOR, e);
            case NOT_A_CLAIM_BATCH, NO_CREDENTIAL, ALREADY_SET, BAD_IMPORT -> new ProvisioningFailure("No usable claim: " + e.getMessage(), Failures.SUPERVISOR, e);
        };
    }

    /** The sync's entry: the cloud's pre-provisioning hook admits this device id presenting this claim certificate. */
    private static String payload(Batch batch, String deviceId, ClaimCredential claim) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("deviceId", deviceId);
        p.put("batch", batch.id());
        p.put("product", batch.product());
        p.put("role", batch.role());
        p.put("strategy", Strategy.CLAIM.name());
        p.put("claimCertificateSerial", claim.serialHex());
        p.put("claimCertificateSha256", claim.certificateSha256());
        p.put("claimSource", claim.source().name());
        batch.cloud().thingGroup().ifPresent(g -> p.put("thingGroup", g));
        batch.cloud().policyName().ifPresent(g -> p.put("policyName", g));
        batch.cloud().thingType().ifPresent(g -> p.put("thingType", g));
        p.put("attributes", batch.cloud().attributes());
        return JsonText.object(p);
    }
}

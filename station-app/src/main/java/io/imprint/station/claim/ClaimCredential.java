package io.imprint.station.claim;

/**
 * A batch's claim certificate, as the log and the cloud sync know it. Carries no key: the key stays
 * sealed in the batch log until {@link ClaimCredentials#forBoard} unseals it for one board.
 *
 * @param batchId           the batch every board of which gets this certificate
 * @param certificatePem    the claim certificate
 * @param certificateSha256 hex SHA-256 of its DER: what claim_recipients and the outbox name
 * @param serialHex         its serial, lower-case hex
 * @param source            issued here or imported
 */
public record ClaimCredential(String batchId, String certificatePem, String certificateSha256, String serialHex, ClaimSource source) {
}

package io.imprint.station.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.ca.issue.Pem;
import io.imprint.device.protocol.BoardState;
import io.imprint.device.protocol.CredentialKind;
import io.imprint.device.sim.BoardFarm;
import io.imprint.device.sim.BoardProfile;
import io.imprint.device.sim.FaultMode;
import io.imprint.device.sim.Flash;
import io.imprint.station.audit.AuditVerifier;
import io.imprint.station.batch.Strategy;
import io.imprint.station.store.Sql;
import io.imprint.station.store.Transactions;
import io.imprint.station.testing.SecretScan;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A CLAIM batch end to end on virtual boards: one claim certificate and key for the batch, on exactly
 * its quantity of boards, recorded per board, and the key never in clear in the batch log or the log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClaimBatchTest {

    static final String BATCH = "WO-CLAIM";
    EngineFixture f;

    @BeforeAll
    void station() throws Exception {
        f = new EngineFixture(Files.createTempDirectory("claim"));
    }

    /** Each test its own batch log (the token is the class's). */
    @BeforeEach
    void freshDatabase() throws Exception {
        f.freshDatabase();
    }

    @AfterAll
    void close() {
        f.close();
    }

    @Test
    void theBatchQuantityOfBoardsShareOneClaimAndTheNextBoardIsRefused() throws Exception {
        f.openBatch(BATCH, 3, Strategy.CLAIM, "claim");
        try (BoardFarm farm = new BoardFarm(f.dir.resolve("boards"), 4, BoardProfile.keygen(EngineFixture.BAUD, Duration.ofMillis(5)), FaultMode.NONE)) {
            SlotView first = f.provision(farm, 0, BATCH);
            SlotView second = f.provision(farm, 1, BATCH);
            assertThat(List.of(first, second)).allSatisfy(v -> assertThat(v.step()).as(v.failure().toString()).isEqualTo(Step.PASSED));

            // The third board receives the claim but cannot commit it: it keeps its place in the batch.
            farm.board(2).fault(FaultMode.REFUSE_COMMIT);
            SlotView third = f.provision(farm, 2, BATCH);
            assertThat(third.step()).isEqualTo(Step.FAILED);
            assertThat(third.failure().orElseThrow().reason()).isEqualTo("Board could not store its identity");

            // So a fourth board finds every claim place taken, and never sees the key.
            SlotView fourth = f.provision(farm, 3, BATCH);
            assertThat(fourth.step()).isEqualTo(Step.FAILED);
            assertThat(fourth.failure().orElseThrow().reason()).startsWith("Claim batch complete: 3 of 3 boards of batch WO-CLAIM");
            assertThat(fourth.failure().orElseThrow().nextAction()).isEqualTo("Start the next batch");
            assertThat(farm.flash(3).credentials()).doesNotContainKey(CredentialKind.CLAIM_KEY);

            // The third board, put back without its fault, gets the same claim on its old place.
            farm.replug(2, false);
            SlotView thirdAgain = f.provision(farm, 2, BATCH);
            assertThat(thirdAgain.step()).as(thirdAgain.failure().toString()).isEqualTo(Step.PASSED);

            farm.replug(3, false);
            SlotView fourthAgain = f.provision(farm, 3, BATCH);
            assertThat(fourthAgain.failure().orElseThrow().reason()).isEqualTo("Batch WO-CLAIM is complete (3 of 3)");

            List<String> passed = List.of(first.deviceId().orElseThrow(), second.deviceId().orElseThrow(), thirdAgain.deviceId().orElseThrow());
            List<Flash> flashes = List.of(farm.flash(0), farm.flash(1), farm.flash(2));
            byte[] claimCert = flashes.getFirst().credentials().get(CredentialKind.CLAIM_CERT);
            byte[] claimKey = flashes.getFirst().credentials().get(CredentialKind.CLAIM_KEY);
            for (Flash flash : flashes) {
                assertThat(flash.state()).isEqualTo(BoardState.LOCKED);
                assertThat(flash.credentials().get(CredentialKind.CLAIM_CERT)).isEqualTo(claimCert);
                assertThat(flash.credentials().get(CredentialKind.CLAIM_KEY)).isEqualTo(claimKey);
                assertThat(flash.credentials()).containsKey(CredentialKind.CA_CHAIN).doesNotContainKey(CredentialKind.DEVICE_CERT);
                assertThat(flash.key().orElseThrow()).as("the board's own key is not the claim key").isNotEqualTo(claimKey);
            }
            checkClaimCertificate(claimCert, claimKey);
            checkBatchLog(passed, fourth.deviceId().orElseThrow(), Pem.sha256Hex(claimCert));
            checkKeyNeverInClear(claimKey);
        }
        var audit = AuditVerifier.trusting(List.of(f.auditSigner.publicKey())).verifyDatabase(f.db);
        assertThat(audit.problems()).isEmpty();
    }

    private void checkClaimCertificate(byte[] der, byte[] pkcs8) throws Exception {
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        assertThat(cert.getSubjectX500Principal().getName()).contains("CN=claim-" + BATCH);
        cert.verify(f.station.ca().chain().getFirst().getPublicKey());
        assertThat(Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant())).isEqualTo(Duration.ofDays(30));
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        Signature sign = Signature.getInstance("SHA256withECDSA");
        sign.initSign(key);
        sign.update(new byte[] {1, 2, 3});
        Signature verify = Signature.getInstance("SHA256withECDSA");
        verify.initVerify(cert.getPublicKey());
        verify.update(new byte[] {1, 2, 3});
        assertThat(verify.verify(sign.sign())).as("the claim key is the claim certificate's").isTrue();
    }

    private void checkBatchLog(List<String> passed, String refused, String claimSha256) throws Exception {
        Transactions.inTransaction(f.db, tx -> {
            assertThat(Sql.query(tx, "SELECT device_id FROM claim_recipients WHERE batch_id = ?", rs -> rs.getString(1), BATCH))
                    .containsExactlyInAnyOrderElementsOf(passed);
            assertThat(Sql.query(tx, "SELECT DISTINCT certificate_sha256 FROM claim_recipients WHERE batch_id = ?", rs -> rs.getString(1), BATCH))
                    .containsExactly(claimSha256);
            assertThat(Sql.query(tx, "SELECT source, certificate_sha256 FROM claim_credentials WHERE batch_id = ?",
                    rs -> rs.getString(1) + " " + rs.getString(2), BATCH)).containsExactly("ISSUED " + claimSha256);
            assertThat(Sql.query(tx, "SELECT device_id FROM devices WHERE batch_id = ? AND status = 'PROVISIONED' AND certificate_serial IS NULL",
                    rs -> rs.getString(1), BATCH)).containsExactlyInAnyOrderElementsOf(passed);
            assertThat(Sql.query(tx, "SELECT status FROM devices WHERE device_id = ?", rs -> rs.getString(1), refused)).containsExactly("FAILED");
            assertThat(Sql.count(tx, "SELECT COUNT(*) FROM certificates WHERE batch_id = ?", BATCH)).isZero();
            List<String> outbox = Sql.query(tx, "SELECT payload FROM sync_outbox WHERE batch_id = ? AND kind = 'DEVICE_PROVISIONED'", rs -> rs.getString(1), BATCH);
            assertThat(outbox).hasSize(3).allSatisfy(p -> assertThat(p).contains("\"strategy\":\"CLAIM\"")
                    .contains("\"claimCertificateSha256\":\"" + claimSha256 + "\""));
            assertThat(Sql.count(tx, "SELECT COUNT(*) FROM audit_events WHERE action = 'claim.issued' AND subject = ?", BATCH)).isEqualTo(1);
            assertThat(Sql.count(tx, "SELECT COUNT(*) FROM audit_events WHERE action = 'claim.delivered'")).isEqualTo(3);
            return null;
        });
    }

    private void checkKeyNeverInClear(byte[] claimKey) throws Exception {
        byte[] sealed = Transactions.inTransaction(f.db, tx -> Sql.query(tx, "SELECT encrypted_key FROM claim_credentials WHERE batch_id = ?",
                rs -> rs.getBytes(1), BATCH).getFirst());
        Path h2 = f.databaseFile();
        assertThat(SecretScan.contains(h2, sealed)).as("the scan finds what the file holds: the sealed key").isTrue();
        SecretScan.assertAbsent(h2, claimKey);
        assertThat(Files.readString(SecretScan.TEST_LOG)).as("the log is being written").contains("issued for batch " + BATCH);
        SecretScan.assertAbsent(SecretScan.TEST_LOG, claimKey);
    }
}

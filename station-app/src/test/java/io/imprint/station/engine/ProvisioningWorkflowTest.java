package io.imprint.station.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.protocol.CredentialKind;
import io.imprint.device.sim.BoardFarm;
import io.imprint.device.sim.BoardProfile;
import io.imprint.device.sim.FaultMode;
import io.imprint.station.audit.AuditVerifier;
import io.imprint.station.batch.Strategy;
import io.imprint.station.store.DeviceRecords;
import io.imprint.station.store.Sql;
import io.imprint.station.store.Transactions;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The engine end to end: virtual boards on ptys, the SoftHSM CA, an H2 file, the audit trail. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvisioningWorkflowTest {

    EngineFixture f;

    @BeforeAll
    void station() throws Exception {
        f = new EngineFixture(Files.createTempDirectory("engine"));
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
    void fortyBoardsOnFourSlotsAreProvisionedVerifiedAndRecorded() throws Exception {
        f.openBatch("WO-40", 40, Strategy.KEY_ON_BOARD, "device");
        List<SlotView> passed = new ArrayList<>();
        try (BoardFarm farm = new BoardFarm(f.dir.resolve("boards40"), 4, BoardProfile.keygen(EngineFixture.BAUD, Duration.ofMillis(5)), FaultMode.NONE);
             ExecutorService slots = Executors.newFixedThreadPool(4)) {
            List<Future<List<SlotView>>> futures = new ArrayList<>();
            for (int socket = 0; socket < 4; socket++) {
                int s = socket;
                futures.add(slots.submit(() -> {
                    List<SlotView> mine = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        mine.add(f.provision(farm, s, "WO-40"));
                        farm.replug(s, true);
                    }
                    return mine;
                }));
            }
            for (Future<List<SlotView>> fu : futures) {
                passed.addAll(fu.get());
            }
        }
        assertThat(passed).allSatisfy(v -> assertThat(v.step()).as(v.failure().toString()).isEqualTo(Step.PASSED));
        assertThat(passed.stream().map(v -> v.deviceId().orElseThrow()).distinct()).hasSize(40);

        Transactions.inTransaction(f.db, tx -> {
            assertThat(Sql.count(tx, "SELECT COUNT(*) FROM devices WHERE batch_id = 'WO-40' AND status = 'PROVISIONED'")).isEqualTo(40);
            assertThat(Sql.count(tx, "SELECT COUNT(*) FROM certificates WHERE batch_id = 'WO-40' AND status = 'ACKNOWLEDGED'")).isEqualTo(40);
            assertThat(Sql.count(tx, "SELECT COUNT(*) FROM sync_outbox WHERE batch_id = 'WO-40' AND kind = 'DEVICE_PROVISIONED'")).isEqualTo(40);
            assertThat(Sql.count(tx, "SELECT COUNT(*) FROM attempts WHERE batch_id = 'WO-40' AND outcome = 'PASSED'")).isEqualTo(40);
            assertThat(new DeviceRecords().countedAgainstQuota(tx, "WO-40")).isEqualTo(40);
            List<String> pems = Sql.query(tx, "SELECT pem FROM certificates WHERE batch_id = 'WO-40'", rs -> rs.getString(1));
            Path all = f.dir.resolve("wo40");
            Files.createDirectories(all);
            List<String> cmd = new ArrayList<>(List.of("openssl", "verify", "-CAfile", f.caDir.root().toString(), "-untrusted", f.caDir.issuing().toString()));
            for (int i = 0; i < pems.size(); i++) {
                Path p = all.resolve(i + ".pem");
                Files.writeString(p, pems.get(i));
                cmd.add(p.toString());
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(out).isZero();
            assertThat(out.lines().filter(l -> l.endsWith(": OK"))).hasSize(40);
            return null;
        });
        var audit = AuditVerifier.trusting(java.util.List.of(f.auditSigner.publicKey())).verifyDatabase(f.db);
        assertThat(audit.problems()).isEmpty();
        assertThat(audit.ok()).isTrue();
    }

    @Test
    void aBootstrapBatchGivesFiveMinuteCertificatesAndAClosedBatchRefusesBoards() throws Exception {
        f.openBatch("WO-BOOT", 3, Strategy.BOOTSTRAP, "bootstrap");
        try (BoardFarm farm = new BoardFarm(f.dir.resolve("boot"), 1, BoardProfile.keygen(EngineFixture.BAUD, Duration.ofMillis(5)), FaultMode.NONE)) {
            SlotView v = f.provision(farm, 0, "WO-BOOT");
            assertThat(v.step()).isEqualTo(Step.PASSED);
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(farm.flash(0).credentials().get(CredentialKind.DEVICE_CERT)));
            assertThat(Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant())).isEqualTo(Duration.ofMinutes(5));

            f.batches.close("WO-BOOT", "sup");
            farm.replug(0, true);
            SlotView refused = f.provision(farm, 0, "WO-BOOT");
            assertThat(refused.step()).isEqualTo(Step.FAILED);
            assertThat(refused.failure().orElseThrow().reason()).isEqualTo("Batch WO-BOOT is closed");
            assertThat(refused.failure().orElseThrow().nextAction()).isEqualTo("Ask a supervisor to open the batch");
        }
    }

    @Test
    void theBatchQuantityCapsTheBoardsItProvisions() throws Exception {
        f.openBatch("WO-2", 2, Strategy.KEY_ON_BOARD, "device");
        try (BoardFarm farm = new BoardFarm(f.dir.resolve("quota"), 1, BoardProfile.keygen(EngineFixture.BAUD, Duration.ofMillis(5)), FaultMode.NONE)) {
            for (int i = 0; i < 2; i++) {
                assertThat(f.provision(farm, 0, "WO-2").step()).isEqualTo(Step.PASSED);
                farm.replug(0, true);
            }
            SlotView third = f.provision(farm, 0, "WO-2");
            assertThat(third.failure().orElseThrow().reason()).isEqualTo("Batch WO-2 is complete (2 of 2)");
            assertThat(third.failure().orElseThrow().nextAction()).isEqualTo("Start the next batch");
        }
    }

    @Test
    void theCertificateMatchesTheKeyTheBoardHoldsAndADuplicateIsRefused() throws Exception {
        f.openBatch("WO-DUP", 5, Strategy.KEY_ON_BOARD, "device");
        try (BoardFarm farm = new BoardFarm(f.dir.resolve("dup"), 1, BoardProfile.keygen(EngineFixture.BAUD, Duration.ofMillis(5)), FaultMode.NONE)) {
            SlotView first = f.provision(farm, 0, "WO-DUP");
            assertThat(first.step()).isEqualTo(Step.PASSED);
            X509Certificate onBoard = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(farm.flash(0).credentials().get(CredentialKind.DEVICE_CERT)));
            assertThat(onBoard.getSerialNumber().toString(16)).isEqualTo(first.serial().orElseThrow());

            farm.replug(0, false);
            SlotView again = f.provision(farm, 0, "WO-DUP");
            assertThat(again.step()).isEqualTo(Step.FAILED);
            assertThat(again.failure().orElseThrow().reason()).startsWith("Already provisioned: this board is done");
            assertThat(again.failure().orElseThrow().nextAction()).isEqualTo("Remove the board");

            // Another board claiming the same id: a fresh board whose flash carries the provisioned id.
            String clonedId = first.deviceId().orElseThrow();
            farm.replug(0, true);
            java.nio.file.Path flash = farm.flashFile(0);
            String text = Files.readString(flash).replaceAll("device-id=.*", "device-id=" + clonedId);
            Files.writeString(flash, text);
            farm.replug(0, false);
            SlotView clone = f.provision(farm, 0, "WO-DUP");
            assertThat(clone.step()).isEqualTo(Step.FAILED);
            assertThat(clone.failure().orElseThrow().reason()).isEqualTo("Duplicate device id " + clonedId + ": another board already holds this identity");
        }
    }

    /** PROTOCOL.md §6.6: CA_CHAIN runs from the CA that signed DEVICE_CERT up to and including the self-signed root. */
    @Test
    void theCaChainABoardStoresIsTheIssuingCaThenTheRoot() throws Exception {
        f.openBatch("WO-CHAIN", 1, Strategy.KEY_ON_BOARD, "device");
        try (BoardFarm farm = new BoardFarm(f.dir.resolve("chain"), 1, BoardProfile.keygen(EngineFixture.BAUD, Duration.ofMillis(5)), FaultMode.NONE)) {
            assertThat(f.provision(farm, 0, "WO-CHAIN").step()).isEqualTo(Step.PASSED);
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            X509Certificate device = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(farm.flash(0).credentials().get(CredentialKind.DEVICE_CERT)));
            List<X509Certificate> chain = x509.generateCertificates(new ByteArrayInputStream(farm.flash(0).credentials().get(CredentialKind.CA_CHAIN)))
                    .stream().map(X509Certificate.class::cast).toList();

            assertThat(chain).hasSize(2).isEqualTo(f.caDir.loadChain());
            device.verify(chain.getFirst().getPublicKey());
            chain.getFirst().verify(chain.getLast().getPublicKey());
            chain.getLast().verify(chain.getLast().getPublicKey());
            assertThat(chain.getLast().getSubjectX500Principal()).isEqualTo(chain.getLast().getIssuerX500Principal());
        }
    }
}

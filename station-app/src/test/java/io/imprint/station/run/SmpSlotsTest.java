package io.imprint.station.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.family.BoardFamily;
import io.imprint.device.family.FamilySettings;
import io.imprint.device.sim.SimulatorFarm;
import io.imprint.device.smp.FsRc;
import io.imprint.device.smp.SmpFault;
import io.imprint.device.smp.SmpFixture;
import io.imprint.device.smp.SmpOptions;
import io.imprint.device.smp.SmpRc;
import io.imprint.device.smp.SmpSimulator;
import io.imprint.station.batch.Strategy;
import io.imprint.station.engine.EngineFixture;
import io.imprint.station.engine.SlotView;
import io.imprint.station.engine.Step;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Zephyr SMP boards end to end in the station: simulated boards on real ptys, slots bound to their socket
 * links, the SoftHSM CA, the H2 batch log. The station injects each key, uploads it with the
 * certificate and chain, and reads their SHA-256 back before the board passes. Each test has its own batch;
 * the token and batch log are the class's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmpSlotsTest {

    private static final SmpOptions SMP = SmpOptions.defaults();
    EngineFixture f;

    @BeforeAll
    void station() throws Exception {
        f = new EngineFixture(Files.createTempDirectory("smp-slots"));
    }

    @AfterAll
    void close() {
        f.close();
    }

    @Test
    void aBatchOfSmpBoardsIsProvisionedVerifiedAndReadBackThroughProbedAndSetSlots() throws Exception {
        f.openBatch("WO-SMP", 4, Strategy.KEY_INJECTED, "device");
        long since = FamilyLine.auditHead(f);
        SmpFixture boards = new SmpFixture(SMP);
        List<SlotView> passed = new ArrayList<>();
        List<SmpFixture.SimulatedBoard> done = new ArrayList<>();
        try (SimulatorFarm<SmpFixture.SimulatedBoard> farm = new SimulatorFarm<>(f.dir.resolve("line"), 2, boards)) {
            try (FamilyLine probed = new FamilyLine(f, farm, "WO-SMP", FamilySettings.probing())) {
                passed.addAll(probed.next(2));
                done.add(farm.board(0));
                done.add(farm.board(1));
            }
            farm.replug(0, true);
            farm.replug(1, true);
            try (FamilyLine set = new FamilyLine(f, farm, "WO-SMP", FamilySettings.of(BoardFamily.SMP))) {
                passed.addAll(set.next(2));
                done.add(farm.board(0));
                done.add(farm.board(1));
            }
        }
        assertThat(passed).allSatisfy(v -> {
            assertThat(v.step()).as(v.failure().toString()).isEqualTo(Step.PASSED);
            assertThat(v.family()).contains(BoardFamily.SMP);
        });
        List<String> pems = new ArrayList<>();
        for (SlotView v : passed) {
            pems.add(FamilyLine.pem(f, v.serial().orElseThrow()));
        }
        FamilyLine.opensslVerifies(f, pems);
        byte[] chain = chain();
        for (SmpFixture.SimulatedBoard board : done) {
            SlotView v = passed.stream().filter(p -> p.deviceId().orElseThrow().equals(board.deviceId())).findFirst().orElseThrow();
            X509Certificate cert = certificate(FamilyLine.pem(f, v.serial().orElseThrow()));
            byte[] stored = board.file(SMP.certificatePath()).orElseThrow();
            assertThat(sha256(stored)).as("the certificate read back").isEqualTo(sha256(cert.getEncoded()));
            assertThat(board.file(SMP.chainPath())).hasValueSatisfying(c -> assertThat(sha256(c)).isEqualTo(sha256(chain)));
            assertThat(cert.getSubjectX500Principal().getName()).startsWith("CN=" + board.deviceId() + ",");
            assertThat(keyMatches(board.file(SMP.keyPath()).orElseThrow(), cert)).as("the key on the board is the certificate's").isTrue();
        }
        assertThat(FamilyLine.auditedWithFamily(f, since, "device.provisioned", "Zephyr SMP")).isEqualTo(4);
    }

    @Test
    void everyErrorAndATimeoutGiveAReadableFailAndARePlugRecovers() throws Exception {
        f.openBatch("WO-SMPF", 20, Strategy.KEY_INJECTED, "device");
        long since = FamilyLine.auditHead(f);
        record Case(SmpFault fault, SmpSimulator.ErrorStyle style, String reason) {
        }
        List<Case> cases = List.of(
                new Case(new SmpFault.FsError(8, 0, FsRc.FILE_WRITE_FAILED), SmpSimulator.ErrorStyle.V1, "The board's file system is full or failing"),
                new Case(new SmpFault.RcError(8, 0, SmpRc.NO_MEMORY), SmpSimulator.ErrorStyle.V0, "The board's file system is full or failing"),
                new Case(new SmpFault.FsError(8, 0, FsRc.MOUNT_POINT_NOT_FOUND), SmpSimulator.ErrorStyle.V1, "The board has no file system mounted at /lfs"),
                new Case(new SmpFault.FsError(8, 2, FsRc.CHECKSUM_HASH_NOT_FOUND), SmpSimulator.ErrorStyle.V1, "The board's firmware cannot compute SHA-256 of its files"),
                new Case(new SmpFault.FlipStoredByte(SMP.certificatePath()), SmpSimulator.ErrorStyle.V1, "Board could not show it holds its new certificate and key"),
                new Case(new SmpFault.Silent(), SmpSimulator.ErrorStyle.V1, "The board does not answer MCUmgr SMP commands"));
        for (Case c : cases) {
            Consumer<SmpSimulator> faulty = sim -> {
                sim.errorStyle(c.style());
                sim.inject(c.fault());
            };
            FamilyLine.FaultSwitch<SmpSimulator> faults = new FamilyLine.FaultSwitch<>(faulty);
            try (SimulatorFarm<SmpFixture.SimulatedBoard> farm = new SimulatorFarm<>(f.dir.resolve("fault-" + cases.indexOf(c)), 1,
                    new SmpFixture(SMP, faults));
                 FamilyLine line = new FamilyLine(f, farm, "WO-SMPF", FamilySettings.of(BoardFamily.SMP))) {
                SlotView failed = line.next();
                assertThat(failed.step()).as(c.toString()).isEqualTo(Step.FAILED);
                assertThat(failed.failure().orElseThrow().reason()).as(c.toString()).isEqualTo(c.reason());
                assertThat(failed.failure().orElseThrow().nextAction()).isNotBlank();
                faults.off();
                farm.replug(0, false);
                SlotView again = line.next();
                assertThat(again.step()).as(c + " then re-plugged: " + again.failure()).isEqualTo(Step.PASSED);
                assertThat(again.deviceId()).isEqualTo(failed.deviceId().isPresent() ? failed.deviceId() : again.deviceId());
            }
        }
        assertThat(FamilyLine.auditedWithFamily(f, since, "attempt.failed", "Zephyr SMP")).isEqualTo(cases.size());
    }

    private byte[] chain() throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (X509Certificate c : f.station.ca().chain()) {
            all.writeBytes(c.getEncoded());
        }
        return all.toByteArray();
    }

    private static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem.getBytes()));
    }

    private static boolean keyMatches(byte[] pkcs8, X509Certificate cert) throws Exception {
        var key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        byte[] challenge = "which key is this".getBytes();
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(key);
        s.update(challenge);
        byte[] sig = s.sign();
        s.initVerify(cert.getPublicKey());
        s.update(challenge);
        return s.verify(sig);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

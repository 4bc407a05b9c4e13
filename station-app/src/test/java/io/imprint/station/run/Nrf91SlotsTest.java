package io.imprint.station.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.imprint.device.family.BoardFamily;
import io.imprint.device.family.FamilySettings;
import io.imprint.device.nrf91.Nrf91Fault;
import io.imprint.device.nrf91.Nrf91Fixture;
import io.imprint.device.nrf91.Nrf91Options;
import io.imprint.device.nrf91.Nrf91Simulator;
import io.imprint.device.sim.SimulatorFarm;
import io.imprint.station.batch.Strategy;
import io.imprint.station.engine.EngineFixture;
import io.imprint.station.engine.SlotView;
import io.imprint.station.engine.Step;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Nordic nRF91 modems end to end in the station: simulated modems on real ptys, slots bound to their socket
 * links, the SoftHSM CA and the H2 batch log. The modem makes its key (%KEYGEN, its COSE signature checked),
 * the station writes the certificate and chain to the sec_tag (%CMNG) and compares the modem's SHA-256 of
 * each before the board passes. Each test has its own batch; the token and batch log are the class's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Nrf91SlotsTest {

    private static final int TAG = Nrf91Options.DEFAULT_SEC_TAG;
    EngineFixture f;

    @BeforeAll
    void station() throws Exception {
        f = new EngineFixture(Files.createTempDirectory("nrf91-slots"));
    }

    @AfterAll
    void close() {
        f.close();
    }

    @Test
    void aBatchOfModemsIsProvisionedVerifiedAndReadBackThroughProbedAndSetSlots() throws Exception {
        f.openBatch("WO-NRF", 4, Strategy.KEY_ON_BOARD, "device");
        long since = FamilyLine.auditHead(f);
        List<SlotView> passed = new ArrayList<>();
        List<Nrf91Fixture.SimulatedModem> done = new ArrayList<>();
        try (SimulatorFarm<Nrf91Fixture.SimulatedModem> farm = new SimulatorFarm<>(f.dir.resolve("line"), 2, new Nrf91Fixture())) {
            try (FamilyLine probed = new FamilyLine(f, farm, "WO-NRF", FamilySettings.probing())) {
                passed.addAll(probed.next(2));
                done.add(farm.board(0));
                done.add(farm.board(1));
            }
            farm.replug(0, true);
            farm.replug(1, true);
            try (FamilyLine set = new FamilyLine(f, farm, "WO-NRF", FamilySettings.of(BoardFamily.NRF91))) {
                passed.addAll(set.next(2));
                done.add(farm.board(0));
                done.add(farm.board(1));
            }
        }
        assertThat(passed).allSatisfy(v -> {
            assertThat(v.step()).as(v.failure().toString()).isEqualTo(Step.PASSED);
            assertThat(v.family()).contains(BoardFamily.NRF91);
        });
        List<String> pems = new ArrayList<>();
        for (SlotView v : passed) {
            pems.add(FamilyLine.pem(f, v.serial().orElseThrow()));
        }
        FamilyLine.opensslVerifies(f, pems);
        String chain = chainPem();
        for (Nrf91Fixture.SimulatedModem modem : done) {
            SlotView v = passed.stream().filter(p -> p.deviceId().orElseThrow().equals(modem.deviceId())).findFirst().orElseThrow();
            String pem = FamilyLine.pem(f, v.serial().orElseThrow());
            String stored = modem.stored(TAG, 1).orElseThrow();
            assertThat(sha256(stored)).as("the certificate read back").isEqualTo(sha256(normalised(pem)));
            assertThat(modem.stored(TAG, 0)).hasValueSatisfying(c -> assertThat(sha256(c)).isEqualTo(sha256(chain)));
            assertThat(modem.stored(TAG, 2)).as("the modem's own key, made in it").isPresent();
        }
        assertThat(FamilyLine.auditedWithFamily(f, since, "device.provisioned", "nRF91")).isEqualTo(4);
    }

    @Test
    void everyListedCmeCodeAndATimeoutGiveAReadableFailAndARePlugRecovers() throws Exception {
        f.openBatch("WO-NRFF", 30, Strategy.KEY_ON_BOARD, "device");
        long since = FamilyLine.auditHead(f);
        record Case(Nrf91Fault fault, String reason) {
        }
        List<Case> cases = List.of(
                new Case(new Nrf91Fault.Cme("AT%KEYGEN", 513), "The modem has no such credential in sec_tag " + TAG),
                new Case(new Nrf91Fault.Cme("AT%KEYGEN", 514), "The modem does not allow access to sec_tag " + TAG),
                new Case(new Nrf91Fault.Cme("AT%CMNG=0", 515), "The modem's credential storage is full"),
                new Case(new Nrf91Fault.Cme("AT%KEYGEN", 518), "The modem is online and will not take credentials"),
                new Case(new Nrf91Fault.Cme("AT%CMNG=0", 519), "The modem already holds that credential in sec_tag " + TAG),
                new Case(new Nrf91Fault.Cme("AT%KEYGEN", 523), "The modem could not generate a key in sec_tag " + TAG),
                new Case(new Nrf91Fault.Cme("AT%CMNG=0", 527), "The modem rejected the certificate as invalid"),
                new Case(new Nrf91Fault.CorruptCose(), "The modem's signed CSR does not check out"),
                new Case(new Nrf91Fault.Silent("AT+CGSN"), "The modem did not answer AT+CGSN"));
        for (Case c : cases) {
            FamilyLine.FaultSwitch<Nrf91Simulator> faults = new FamilyLine.FaultSwitch<>(sim -> sim.inject(c.fault()));
            try (SimulatorFarm<Nrf91Fixture.SimulatedModem> farm = new SimulatorFarm<>(f.dir.resolve("fault-" + cases.indexOf(c)), 1, new Nrf91Fixture(faults));
                 FamilyLine line = new FamilyLine(f, farm, "WO-NRFF", FamilySettings.of(BoardFamily.NRF91))) {
                SlotView failed = line.next();
                assertThat(failed.step()).as(c.toString()).isEqualTo(Step.FAILED);
                assertThat(failed.failure().orElseThrow().reason()).as(c.toString()).startsWith(c.reason());
                assertThat(failed.failure().orElseThrow().nextAction()).isNotBlank();
                faults.off();
                farm.replug(0, false);
                SlotView again = line.next();
                assertThat(again.step()).as(c + " then re-plugged: " + again.failure()).isEqualTo(Step.PASSED);
                assertThat(again.deviceId()).contains(farm.board(0).deviceId());
            }
        }
        assertThat(FamilyLine.auditedWithFamily(f, since, "attempt.failed", "nRF91")).isEqualTo(cases.size());
    }

    /** The chain as the station writes it: each certificate's PEM, issuing CA first, lines ending in \n. */
    private String chainPem() throws Exception {
        StringBuilder all = new StringBuilder();
        for (X509Certificate c : f.station.ca().chain()) {
            StringWriter w = new StringWriter();
            try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
                pem.writeObject(c);
            }
            all.append(normalised(w.toString()));
        }
        return all.toString();
    }

    private static String normalised(String pem) {
        return pem.replace("\r\n", "\n").strip() + "\n";
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

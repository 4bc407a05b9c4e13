package io.imprint.device.nrf91;

import static io.imprint.device.nrf91.ModemOnPty.IMEI;
import static io.imprint.device.nrf91.ModemOnPty.TAG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.device.family.Board;
import io.imprint.device.family.BoardFamily;
import io.imprint.device.family.Evidence;
import io.imprint.device.session.BoardException;
import io.imprint.device.session.BoardIdentity;
import io.imprint.device.session.LinkStats;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

/** The whole flow over a real pty, and what a board left behind by an earlier run does to it. */
class Nrf91BoardTest {

    @Test
    void aModemIsProvisionedAndItsReadBackMatchesUntilTheStoredCertificateChanges() throws Exception {
        TestCa ca = new TestCa();
        try (ModemOnPty fixture = new ModemOnPty(); Nrf91Board board = fixture.open()) {
            assertThat(fixture.modem.cfun()).as("open takes the modem offline").isEqualTo(4);
            assertThat(fixture.modem.heard()).as("CME codes on, then offline, before anything else")
                    .containsExactly("AT+CMEE=1", "AT+CFUN=4");
            assertThat(board.family()).isEqualTo(BoardFamily.NRF91);
            assertThat(board.makesOwnKey()).isTrue();

            BoardIdentity id = board.identify();
            assertThat(id.deviceId()).isEqualTo("nrf-" + IMEI);
            assertThat(id.chipUidHex()).isEqualTo("504d5632373942fb80c81411df972166");
            assertThat(id.hardwareRevision()).isEqualTo("nRF9160-SICA");
            assertThat(id.firmwareVersion()).isEqualTo("mfw_nrf9160_1.3.5");

            byte[] csr = board.generateKeyAndCsr(id.deviceId());
            assertThat(new PKCS10CertificationRequest(csr).getSubject()).isEqualTo(new X500Name("CN=nrf-" + IMEI));
            assertThat(fixture.modem.stored(TAG, 2)).as("the key stays in the modem").isPresent();

            byte[] cert = ca.sign(csr);
            board.install(cert, List.of(ca.certificate));
            String certPem = fixture.modem.stored(TAG, 1).orElseThrow();
            assertThat(certPem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("\n-----END CERTIFICATE-----\n");
            assertThat(certPem.lines()).allMatch(l -> l.length() <= 64);
            assertThat(fixture.modem.stored(TAG, 0)).hasValue(Pem.certificate(ca.certificate));
            assertThat(fixture.modem.heard()).as("each write follows a delete; no PEM is logged")
                    .containsSubsequence("AT%CMNG=3," + TAG + ",1", "AT%CMNG=0," + TAG + ",1,", "AT%CMNG=3," + TAG + ",0", "AT%CMNG=0," + TAG + ",0,");

            assertThat(board.verify(cert, List.of(ca.certificate))).isEqualTo(new Evidence.ReadBack(true, ""));
            assertThat(board.progress()).isEqualTo(Board.Progress.OPEN);
            board.lock();
            assertThat(fixture.modem.cfun()).as("lock leaves it offline").isEqualTo(4);

            fixture.modem.tamper(TAG, 1);
            Evidence tampered = board.verify(cert, List.of(ca.certificate));
            String wrote = sha(Pem.certificate(cert));
            assertThat(tampered).isInstanceOfSatisfying(Evidence.ReadBack.class, r -> {
                assertThat(r.matches()).isFalse();
                assertThat(r.detail()).contains("device certificate (type 1) in sec_tag " + TAG + " differs")
                        .contains("station wrote " + wrote).doesNotContain("CA chain");
            });

            LinkStats stats = board.stats();
            assertThat(stats.bytesSent()).as("the PEMs went out").isGreaterThan(cert.length + ca.certificate.length);
            assertThat(stats.bytesReceived()).as("the KEYGEN answer came in").isGreaterThan(csr.length);
        }
    }

    @Test
    void installingAgainReplacesWhatWasThere() throws Exception {
        TestCa ca = new TestCa();
        try (ModemOnPty fixture = new ModemOnPty(); Nrf91Board board = fixture.open()) {
            byte[] csr = board.generateKeyAndCsr("dev-1");
            byte[] first = ca.sign(csr);
            board.install(first, List.of(ca.certificate));
            byte[] second = ca.sign(csr);
            board.install(second, List.of(ca.certificate));
            assertThat(board.verify(second, List.of(ca.certificate))).isEqualTo(new Evidence.ReadBack(true, ""));
            assertThat(board.verify(first, List.of(ca.certificate))).isInstanceOfSatisfying(Evidence.ReadBack.class,
                    r -> assertThat(r.matches()).isFalse());
        }
    }

    @Test
    void readBackNamesAMissingKeyAndIgnoresOtherTags() throws Exception {
        TestCa ca = new TestCa();
        try (ModemOnPty fixture = new ModemOnPty(); Nrf91Board board = fixture.open()) {
            byte[] cert = ca.sign(board.generateKeyAndCsr("dev-2"));
            board.install(cert, List.of());
            fixture.modem.preload(TAG + 1, 1, Pem.certificate(ca.certificate));
            assertThat(board.modem().list(TAG)).containsOnlyKeys(1, 2);
            assertThat(fixture.modem.stored(TAG, 0)).as("no chain, no type 0").isEmpty();
            assertThat(board.verify(cert, List.of())).isEqualTo(new Evidence.ReadBack(true, ""));
            board.modem().delete(TAG, Nrf91Modem.CLIENT_KEY);
            assertThat(board.verify(cert, List.of(ca.certificate))).isEqualTo(new Evidence.ReadBack(false,
                    "CA chain (type 0) missing in sec_tag " + TAG + "; private key (type 2) missing in sec_tag " + TAG));
        }
    }

    @Test
    void aKeyLeftByAnInterruptedRunIsReplaced() throws Exception {
        try (ModemOnPty fixture = new ModemOnPty()) {
            fixture.modem.preload(TAG, 2, "-----BEGIN PRIVATE KEY-----\nLEFTOVER\n-----END PRIVATE KEY-----\n");
            try (Nrf91Board board = fixture.open()) {
                byte[] csr = board.generateKeyAndCsr("nrf-" + IMEI);
                assertThat(new PKCS10CertificationRequest(csr).getSubject()).isEqualTo(new X500Name("CN=nrf-" + IMEI));
                assertThat(fixture.modem.stored(TAG, 2)).get().asString().doesNotContain("LEFTOVER");
            }
        }
    }

    @Test
    void aKeyWithACertificateBesideItIsLeftAlone() throws Exception {
        try (ModemOnPty fixture = new ModemOnPty()) {
            fixture.modem.preload(TAG, 2, "-----BEGIN PRIVATE KEY-----\nOLD\n-----END PRIVATE KEY-----\n");
            fixture.modem.preload(TAG, 1, "-----BEGIN CERTIFICATE-----\nOLD\n-----END CERTIFICATE-----\n");
            try (Nrf91Board board = fixture.open()) {
                assertThatThrownBy(() -> board.generateKeyAndCsr("nrf-" + IMEI))
                        .isInstanceOfSatisfying(BoardException.class, e -> {
                            assertThat(e.reason()).isEqualTo(BoardException.Reason.BOARD_ERROR);
                            assertThat(e.advice()).get().satisfies(a -> {
                                assertThat(a.problem()).isEqualTo("The modem already holds a key in sec_tag " + TAG);
                                assertThat(a.nextAction()).startsWith("Set the board aside");
                            });
                        });
                assertThat(fixture.modem.stored(TAG, 2)).get().asString().contains("OLD");
            }
        }
    }

    @Test
    void aModemThatEchoesItsCommandsIsReadAllTheSame() throws Exception {
        try (ModemOnPty fixture = new ModemOnPty(); Nrf91Board board = fixture.open()) {
            board.modem().expectOk(AtCommand.plain("ATE1"));
            assertThat(board.identify().firmwareVersion()).isEqualTo("mfw_nrf9160_1.3.5");
            byte[] csr = board.generateKeyAndCsr("echoed");
            assertThat(new PKCS10CertificationRequest(csr).getSubject()).isEqualTo(new X500Name("CN=echoed"));
        }
    }

    @Test
    void aModemWithoutDeviceUuidIsIdentifiedByItsImeiAlone() throws Exception {
        try (ModemOnPty fixture = new ModemOnPty(null); Nrf91Board board = fixture.open()) {
            BoardIdentity id = board.identify();
            assertThat(id.deviceId()).isEqualTo("nrf-" + IMEI);
            assertThat(id.chipUid()).isEmpty();
        }
    }

    @Test
    void keysAreNotTakenFromTheStation() throws Exception {
        try (ModemOnPty fixture = new ModemOnPty(); Nrf91Board board = fixture.open()) {
            byte[] key = {1, 2, 3};
            assertThatThrownBy(() -> board.injectKey(key)).isInstanceOfSatisfying(BoardException.class, e -> {
                assertThat(e.reason()).isEqualTo(BoardException.Reason.UNSUPPORTED);
                assertThat(e.getMessage()).contains("nRF91 modems make their own keys");
            });
            assertThat(key).containsOnly(0);
        }
    }

    @Test
    void probeFindsAModemAndNothingWhereNoneAnswers() throws Exception {
        try (ModemOnPty fixture = new ModemOnPty()) {
            try (var port = fixture.port()) {
                assertThat(Nrf91Board.probe(port, Duration.ofSeconds(2))).isTrue();
            }
            fixture.modem.inject(new Nrf91Fault.Silent("AT"));
            try (var port = fixture.port()) {
                assertThat(Nrf91Board.probe(port, Duration.ofMillis(300))).isFalse();
            }
        }
    }

    static String sha(String pem) throws Exception {
        return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(pem.getBytes(StandardCharsets.UTF_8)));
    }
}

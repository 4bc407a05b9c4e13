package io.imprint.device.nrf91;

import static io.imprint.device.nrf91.ModemOnPty.TAG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.device.session.BoardException;
import io.imprint.device.session.BoardException.Reason;
import io.imprint.device.session.LinkTiming;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way the modem says no, as the operator reads it on the tile. */
class Nrf91FailuresTest {

    private static final TestCa CA = ca();

    /** Runs the flow up to {@code step} with {@code fault} injected; returns what the failing step threw. */
    private static BoardException failure(String step, Nrf91Fault fault, LinkTiming timing) throws Exception {
        try (ModemOnPty fixture = new ModemOnPty(); Nrf91Board board = fixture.open(timing)) {
            if (fault != null) {
                fixture.modem.inject(fault);
            }
            byte[] csr = step.equals("keygen") ? null : keygen(board);
            try {
                if (step.equals("keygen")) {
                    board.generateKeyAndCsr("nrf-" + ModemOnPty.IMEI);
                } else if (step.equals("online-install")) {
                    board.modem().expectOk(AtCommand.plain("AT+CFUN=1"));
                    board.install(CA.sign(csr), List.of(CA.certificate));
                } else {
                    board.install(CA.sign(csr), List.of(CA.certificate));
                }
            } catch (BoardException e) {
                return e;
            }
            throw new AssertionError(step + " did not fail");
        }
    }

    private static byte[] keygen(Nrf91Board board) throws BoardException {
        return board.generateKeyAndCsr("nrf-" + ModemOnPty.IMEI);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', value = {
        "513 | AT%CMNG=0 | install | The modem has no such credential in sec_tag 16842753 | Re-seat the board and retry; if it fails again, set it aside",
        "514 | AT%KEYGEN | keygen  | The modem does not allow access to sec_tag 16842753 | Check the batch's sec_tag setting; if it is right, set the board aside",
        "519 | AT%CMNG=0 | install | The modem already holds that credential in sec_tag 16842753 | Re-seat the board and retry",
        "523 | AT%KEYGEN | keygen  | The modem could not generate a key in sec_tag 16842753 | Re-seat the board and retry; if it fails again, set it aside",
        "527 | AT%CMNG=0 | install | The modem rejected the certificate as invalid | Set the board aside and report the batch: its certificate or CA chain is not one the modem takes",
        "528 | AT%KEYGEN | keygen  | The modem is in power-off warning: its supply voltage is too low | Check the fixture's power supply, then re-seat the board and retry",
        "515 | AT%KEYGEN | keygen  | The modem's credential storage is full | Set the board aside: its credentials must be cleared",
    })
    void everyCmeCodeIsSaidInWords(int code, String command, String step, String problem, String nextAction) throws Exception {
        BoardException e = failure(step, new Nrf91Fault.Cme(command, code), ModemOnPty.TIMING);
        assertThat(e.reason()).isEqualTo(Reason.BOARD_ERROR);
        assertThat(e.advice()).get().satisfies(a -> {
            assertThat(a.problem()).isEqualTo(problem);
            assertThat(a.nextAction()).isEqualTo(nextAction);
        });
        assertThat(e.getMessage()).contains("+CME ERROR: " + code).contains(problem).doesNotContain("BEGIN CERTIFICATE");
    }

    @Test
    void aFullStoreIsSeenWhenTheCertificateGoesIn() throws Exception {
        BoardException e = failure("install", new Nrf91Fault.StorageFullAfter(1), ModemOnPty.TIMING);
        assertThat(e.advice()).get().satisfies(a -> {
            assertThat(a.problem()).isEqualTo("The modem's credential storage is full");
            assertThat(a.nextAction()).isEqualTo("Set the board aside: its credentials must be cleared");
        });
        assertThat(e.getMessage()).contains("AT%CMNG=0,16842753,1");
    }

    @Test
    void anOnlineModemRefusesCredentials() throws Exception {
        BoardException e = failure("online-install", null, ModemOnPty.TIMING);
        assertThat(e.reason()).isEqualTo(Reason.BOARD_ERROR);
        assertThat(e.advice()).get().satisfies(a -> {
            assertThat(a.problem()).isEqualTo("The modem is online and will not take credentials");
            assertThat(a.nextAction()).isEqualTo("Re-seat the board and retry");
        });
        assertThat(e.getMessage()).contains("+CME ERROR: 518");
    }

    @Test
    void aPlainErrorNamesTheCommandButNotTheCertificate() throws Exception {
        BoardException e = failure("install", new Nrf91Fault.PlainError("AT%CMNG=0"), ModemOnPty.TIMING);
        assertThat(e.reason()).isEqualTo(Reason.BOARD_ERROR);
        assertThat(e.advice()).get().satisfies(a -> assertThat(a.problem()).isEqualTo("The modem refused AT%CMNG=0," + TAG + ",1"));
        assertThat(e.getMessage()).contains("answered ERROR").doesNotContain("BEGIN CERTIFICATE");
    }

    @Test
    void aSilentModemTimesOutNamingTheCommandOnly() throws Exception {
        LinkTiming quick = new LinkTiming(115200, Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofMillis(400), 0);
        long start = System.nanoTime();
        BoardException e = failure("install", new Nrf91Fault.Silent("AT%CMNG=0"), quick);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
        assertThat(e.getMessage()).contains("no answer to AT%CMNG=0," + TAG + ",1 within").doesNotContain("BEGIN");
        assertThat(e.advice()).get().satisfies(a -> assertThat(a.nextAction()).isEqualTo("Check the cable, then re-seat the board and retry"));
    }

    @Test
    void aCoseThatDoesNotVouchForTheCsrIsABadCsr() throws Exception {
        BoardException e = failure("keygen", new Nrf91Fault.CorruptCose(), ModemOnPty.TIMING);
        assertThat(e.reason()).isEqualTo(Reason.BAD_CSR);
        assertThat(e.advice()).get().satisfies(a -> assertThat(a.nextAction()).isEqualTo("Set the board aside: its key generation is faulty"));
        assertThat(e.getMessage()).contains("digest is not the SHA-256 of the CSR");
    }

    @Test
    void anUnpluggedModemIsDisconnected() throws Exception {
        try (ModemOnPty fixture = new ModemOnPty(); Nrf91Board board = fixture.open()) {
            fixture.modem.close();
            assertThatThrownBy(board::identify).isInstanceOfSatisfying(BoardException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.DISCONNECTED);
                assertThat(e.advice()).get().satisfies(a -> assertThat(a.nextAction()).isEqualTo("Re-seat the board and retry"));
            });
        }
    }

    @Test
    void aCancelEndsTheCallInFlight() throws Exception {
        try (ModemOnPty fixture = new ModemOnPty(); Nrf91Board board = fixture.open()) {
            fixture.modem.inject(new Nrf91Fault.Silent("AT%KEYGEN"));
            Thread canceller = Thread.ofVirtual().start(() -> {
                // Cancel once the modem has the KEYGEN, whatever the machine's speed.
                while (fixture.modem.heard().stream().noneMatch(c -> c.startsWith("AT%KEYGEN"))) {
                    Thread.onSpinWait();
                }
                board.cancel();
            });
            assertThatThrownBy(() -> board.generateKeyAndCsr("x")).isInstanceOfSatisfying(BoardException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.CANCELLED));
            canceller.join();
        }
    }

    private static TestCa ca() {
        try {
            return new TestCa();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

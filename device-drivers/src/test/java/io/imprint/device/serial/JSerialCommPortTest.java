package io.imprint.device.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.device.pty.PtyPair;
import io.imprint.device.transport.PortIdentity;
import io.imprint.device.transport.TransportException;
import io.imprint.device.transport.TransportException.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the transport contract does not cover: opening failures, settings, reopening, listing. */
class JSerialCommPortTest {

    @Test
    void aMissingPathIsNotFoundAndTheMessageNamesItAndItsErrorCode() {
        JSerialCommPort port = new JSerialCommPort(PortIdentity.ofPath("/dev/does-not-exist"), SerialSettings.of(115200));
        assertThatThrownBy(port::open).isInstanceOfSatisfying(TransportException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
            assertThat(e.port()).isEqualTo("/dev/does-not-exist");
            assertThat(e.getMessage()).contains("/dev/does-not-exist").contains("native error 2");
            assertThat(e.nativeErrorCode()).isNotZero();
        });
        assertThat(port.isOpen()).isFalse();
    }

    @Test
    void aFileThatIsNotATerminalFailsToOpenWithItsErrorCode() {
        JSerialCommPort port = new JSerialCommPort(PortIdentity.ofPath("/dev/null"), SerialSettings.of(9600));
        assertThatThrownBy(port::open).isInstanceOfSatisfying(TransportException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.IO);
            assertThat(e.nativeErrorCode()).as("ENOTTY").isEqualTo(25);
            assertThat(e.getMessage()).contains("/dev/null");
        });
    }

    @Test
    void aPortAlreadyOpenInThisProcessIsBusy() throws Exception {
        try (PtyPair pair = PtyPair.open();
             JSerialCommPort first = new JSerialCommPort(PortIdentity.ofPath(pair.slavePath()), SerialSettings.of(115200));
             JSerialCommPort second = new JSerialCommPort(PortIdentity.ofPath(pair.slavePath()), SerialSettings.of(115200))) {
            first.open();
            assertThatThrownBy(second::open).isInstanceOfSatisfying(TransportException.class, e -> {
                assertThat(e.kind()).isEqualTo(Kind.BUSY);
                assertThat(e.nativeErrorCode()).isNotZero();
            });
        }
    }

    @Test
    void theHostCanCloseAndReopenWhileTheBoardStaysPluggedIn() throws Exception {
        try (PtyPair pair = PtyPair.open()) {
            for (int round = 0; round < 3; round++) {
                try (JSerialCommPort host = new JSerialCommPort(PortIdentity.ofPath(pair.slavePath()), SerialSettings.of(115200))) {
                    host.open();
                    host.write(new byte[] {(byte) round});
                    byte[] got = new byte[1];
                    assertThat(pair.master().read(got, 0, 1, Duration.ofSeconds(2))).isEqualTo(1);
                    assertThat(got[0]).isEqualTo((byte) round);
                    pair.master().write(new byte[] {(byte) (0x80 | round)});
                    assertThat(host.read(got, 0, 1, Duration.ofSeconds(2))).isEqualTo(1);
                    assertThat(got[0]).isEqualTo((byte) (0x80 | round));
                }
            }
        }
    }

    @Test
    void theSettingsReachTheLine() throws Exception {
        SerialSettings sevenE2 = new SerialSettings(9600, 7, SerialSettings.Parity.EVEN, SerialSettings.StopBits.TWO,
                SerialSettings.FlowControl.NONE);
        try (PtyPair pair = PtyPair.open();
             JSerialCommPort host = new JSerialCommPort(PortIdentity.ofPath(pair.slavePath()), sevenE2)) {
            host.open();
            pair.master().write(new byte[] {(byte) 0xC1});
            byte[] got = new byte[1];
            assertThat(host.read(got, 0, 1, Duration.ofSeconds(2))).isEqualTo(1);
            assertThat(got[0]).as("seven data bits strip the eighth").isEqualTo((byte) 0x41);
        }
    }

    @Test
    void anUnpluggedBoardReadsAndWritesAsDisconnectedWithTheHangUpErrno() throws Exception {
        try (PtyPair pair = PtyPair.open();
             JSerialCommPort host = new JSerialCommPort(PortIdentity.ofPath(pair.slavePath()), SerialSettings.of(115200))) {
            host.open();
            pair.master().close();
            assertThatThrownBy(() -> host.read(new byte[1], 0, 1, Duration.ofSeconds(2)))
                    .isInstanceOfSatisfying(TransportException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.DISCONNECTED);
                        assertThat(e.nativeErrorCode()).as("EIO").isEqualTo(5);
                    });
            assertThatThrownBy(() -> host.write(new byte[1])).isInstanceOfSatisfying(TransportException.class, e -> {
                assertThat(e.kind()).isEqualTo(Kind.DISCONNECTED);
                assertThat(e.getMessage()).contains(pair.slavePath()).contains("EIO");
            });
        }
    }

    @Test
    void useAfterCloseIsAClosedError() throws Exception {
        try (PtyPair pair = PtyPair.open()) {
            JSerialCommPort host = new JSerialCommPort(PortIdentity.ofPath(pair.slavePath()), SerialSettings.of(115200));
            host.open();
            host.close();
            for (var use : new org.assertj.core.api.ThrowableAssert.ThrowingCallable[] {
                    host::open, () -> host.write(new byte[1]), () -> host.read(new byte[1], 0, 1, Duration.ZERO)}) {
                assertThatThrownBy(use).isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.CLOSED));
            }
        }
    }

    @Test
    void listingNeverThrowsAndNamesEveryPort() {
        assertThatCode(JSerialCommPort::list).doesNotThrowAnyException();
        assertThat(JSerialCommPort.list()).allSatisfy(p -> assertThat(p.path()).isNotBlank());
    }
}

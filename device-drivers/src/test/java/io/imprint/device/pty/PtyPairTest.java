package io.imprint.device.pty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.device.testing.Blocked;
import io.imprint.device.transport.Transport;
import io.imprint.device.transport.TransportException;
import io.imprint.device.transport.TransportException.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real pseudo-terminal pair. The host side is opened with plain open(2) so that the pair's own raw
 * mode, not a serial library's, is what these tests see.
 */
class PtyPairTest {

    private PtyPair pair;

    @BeforeEach
    void openPair() throws TransportException {
        pair = PtyPair.open();
    }

    @AfterEach
    void closePair() {
        pair.close();
    }

    @Test
    void theSlaveIsADevicePathAndTheMasterIsNamedAfterIt() {
        assertThat(pair.slavePath()).startsWith("/dev/pts/");
        assertThat(Path.of(pair.slavePath())).exists();
        assertThat(pair.master().identity().path()).isEqualTo("pty-master:" + pair.slavePath());
        assertThat(pair.master().isOpen()).isTrue();
    }

    @Test
    void everyByteValueCrossesUnchangedBothWaysWithNoEcho() throws Exception {
        byte[] all = new byte[256 * 2];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        // The bytes a cooked tty would act on: ^C, CR, LF, XON, XOFF, ^D, ^Z, DEL.
        byte[] control = {0x03, 0x0D, 0x0A, 0x11, 0x13, 0x04, 0x1A, 0x7F, 0x0D, 0x0D, 0x0A};
        try (Transport host = FdTransport.open(pair.slavePath())) {
            for (byte[] data : new byte[][] {all, control}) {
                pair.master().write(data);
                assertThat(readExactly(host, data.length)).isEqualTo(data);
                host.write(data);
                assertThat(readExactly(pair.master(), data.length)).isEqualTo(data);
            }
            assertThat(host.read(new byte[16], 0, 16, Duration.ofMillis(200))).as("echo to the host").isZero();
            assertThat(pair.master().read(new byte[16], 0, 16, Duration.ofMillis(200))).as("echo to the board").isZero();
        }
    }

    @Test
    void aMasterReadWithNothingToReadReturnsZeroAfterItsTimeout() throws Exception {
        long start = System.nanoTime();
        assertThat(pair.master().read(new byte[8], 0, 8, Duration.ofMillis(150))).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(140), Duration.ofSeconds(2));
        assertThat(pair.master().read(new byte[8], 0, 8, Duration.ZERO)).isZero();
    }

    @Test
    void theHostClosingAndReopeningDoesNotHangUpTheBoard() throws Exception {
        try (Transport host = FdTransport.open(pair.slavePath())) {
            host.write(new byte[] {1});
            assertThat(readExactly(pair.master(), 1)).containsExactly(1);
        }
        // Without the pair's own slave descriptor the master would now read EIO.
        assertThat(pair.master().read(new byte[8], 0, 8, Duration.ofMillis(200))).isZero();
        pair.master().write(new byte[] {2});
        try (Transport host = FdTransport.open(pair.slavePath())) {
            assertThat(readExactly(host, 1)).containsExactly(2);
            host.write(new byte[] {3});
            assertThat(readExactly(pair.master(), 1)).containsExactly(3);
        }
    }

    @Test
    void closeWakesABlockedMasterReadWithAClosedError() throws Exception {
        FutureTask<Throwable> read = new FutureTask<>(() -> {
            try {
                pair.master().read(new byte[4], 0, 4, Duration.ofSeconds(30));
                return null;
            } catch (Throwable e) {
                return e;
            }
        });
        Thread reader = Thread.ofPlatform().name("blocked-master-read").daemon().start(read);
        // In poll(2) on the master and the wake-up eventfd: the wait that close must cut short.
        Blocked.waitUntilBlockedIn(reader, "io.imprint.device.pty.Libc.poll", Duration.ofSeconds(10));
        long start = System.nanoTime();
        pair.close();
        assertThat(read.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.CLOSED));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(pair.master().isOpen()).isFalse();
        assertThatThrownBy(() -> pair.master().write(new byte[1])).isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.CLOSED));
        pair.close();
    }

    @Test
    void closingTheMasterUnplugsTheHost() throws Exception {
        try (Transport host = FdTransport.open(pair.slavePath())) {
            pair.master().close();
            assertThatThrownBy(() -> host.read(new byte[4], 0, 4, Duration.ofSeconds(2)))
                    .isInstanceOfSatisfying(TransportException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.DISCONNECTED);
                        assertThat(e.getMessage()).contains(pair.slavePath());
                    });
        }
        assertThat(Files.exists(Path.of(pair.slavePath()))).as("devpts removes the node with the master").isFalse();
    }

    private static byte[] readExactly(Transport from, int n) throws TransportException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[1024];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (got.size() < n && System.nanoTime() < deadline) {
            int r = from.read(buf, 0, Math.min(buf.length, n - got.size()), Duration.ofMillis(200));
            got.write(buf, 0, r);
        }
        return got.toByteArray();
    }
}

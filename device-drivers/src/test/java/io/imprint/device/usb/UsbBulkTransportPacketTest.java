package io.imprint.device.usb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.device.transport.TransportException;
import io.imprint.device.transport.TransportException.Kind;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the contract does not say but USB needs: whole packets, stalled boards, one open, one close. */
final class UsbBulkTransportPacketTest {

    private final FakeEndpointPair pair = new FakeEndpointPair();

    @Test
    void aPacketLargerThanTheCallersBufferIsKeptForTheNextReads() throws Exception {
        UsbBulkTransport t = new UsbBulkTransport(pair.identity(), pair::host);
        t.open();
        byte[] packet = new byte[FakeEndpointPair.MAX_PACKET];
        for (int i = 0; i < packet.length; i++) {
            packet[i] = (byte) i;
        }
        pair.board().send(packet);
        byte[] small = new byte[5];
        byte[] got = new byte[packet.length];
        int total = 0;
        while (total < packet.length) {
            int n = t.read(small, 0, small.length, Duration.ofMillis(200));
            assertThat(n).isPositive();
            System.arraycopy(small, 0, got, total, n);
            total += n;
        }
        assertThat(got).isEqualTo(packet);
        assertThat(pair.inRequestsBelowAPacket()).as("libusb overflows on transfers shorter than a packet").isZero();
        assertThat(t.read(small, 0, small.length, Duration.ofMillis(50))).isZero();
    }

    @Test
    void aBoardThatStopsReadingFailsTheWriteInsteadOfHangingIt() throws Exception {
        UsbBulkTransport t = new UsbBulkTransport(pair.identity(), pair::host, Duration.ofMillis(300));
        t.open();
        byte[] more = new byte[FakeEndpointPair.BOARD_BUFFER + 1];
        long start = System.nanoTime();
        assertThatThrownBy(() -> t.write(more))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.IO);
                    assertThat(e.getMessage()).contains("usb:1-2.4", "0483:5740", "4096 of 4097 bytes");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
    }

    @Test
    void closeWakesABlockedWriterWithAClosedError() throws Exception {
        UsbBulkTransport t = new UsbBulkTransport(pair.identity(), pair::host);
        t.open();
        CompletableFuture<Throwable> write = CompletableFuture.supplyAsync(() -> {
            try {
                t.write(new byte[FakeEndpointPair.BOARD_BUFFER * 2]);
                return null;
            } catch (Throwable e) {
                return e;
            }
        });
        // The board's buffer is full and the write waits for room: the wait close must cut short.
        pair.awaitBlockedOut(Duration.ofSeconds(10));
        t.close();
        assertThat(write.get(2, TimeUnit.SECONDS)).isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.CLOSED));
    }

    @Test
    void theDeviceIsOpenedOnceAndClosedOnce() throws Exception {
        AtomicInteger opens = new AtomicInteger();
        UsbBulkTransport t = new UsbBulkTransport(pair.identity(), () -> {
            opens.incrementAndGet();
            return pair.host();
        });
        t.open();
        t.open();
        t.close();
        t.close();
        assertThat(opens).hasValue(1);
        assertThat(pair.hostCloses()).isEqualTo(1);
        assertThatThrownBy(t::open).isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.CLOSED));
    }

    @Test
    void aFailedOpenLeavesTheTransportClosedAndRetryable() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        UsbBulkTransport t = new UsbBulkTransport(pair.identity(), () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new TransportException("usb:1-2.4", Kind.BUSY, -6, "claiming interface 0 failed: LIBUSB_ERROR_BUSY");
            }
            return pair.host();
        });
        assertThatThrownBy(t::open).isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.BUSY));
        assertThat(t.isOpen()).isFalse();
        t.open();
        assertThat(t.isOpen()).isTrue();
        t.close();
    }

    @Test
    void writingBeforeOpenOrAfterCloseIsAClosedError() {
        UsbBulkTransport t = new UsbBulkTransport(pair.identity(), pair::host);
        assertThatThrownBy(() -> t.write(new byte[1])).isInstanceOfSatisfying(TransportException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.CLOSED);
            assertThat(e.getMessage()).contains("usb:1-2.4", "not open");
        });
        t.close();
        assertThatThrownBy(() -> t.write(new byte[1])).isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.CLOSED));
    }
}

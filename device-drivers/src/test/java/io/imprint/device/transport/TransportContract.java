package io.imprint.device.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every transport must do, run against each one (serial over a real pty, USB bulk over a fake
 * endpoint pair, ...). A subclass connects a fresh transport (not yet opened) to a {@link Peer}: the
 * board's end of the wire, and says how to tell that a reader is blocked waiting for data, so that the
 * tests of what wakes one (data, close) test a reader that really is blocked.
 */
public abstract class TransportContract {

    /** The board's end of the wire. */
    public interface Peer extends AutoCloseable {
        void send(byte[] data) throws Exception;

        /** Reads exactly {@code n} bytes or fails after {@code timeout}. */
        byte[] receive(int n, Duration timeout) throws Exception;

        /** The board goes away: unplugged, cable pulled. */
        void unplug() throws Exception;

        @Override
        void close() throws Exception;
    }

    /** A transport under test and the peer wired to it. */
    public record Connection(Transport transport, Peer peer) {
    }

    protected abstract Connection connect() throws Exception;

    /** How long {@link #awaitReaderBlocked} may take: far beyond any scheduling delay, so only a hang fails it. */
    protected static final Duration BLOCKING_WITHIN = Duration.ofSeconds(10);

    /**
     * Returns once {@code reader}, which is in {@link Transport#read} with nothing to read, is blocked
     * waiting for data (in the native read, on the fake endpoint's condition, ...), not still on its way.
     *
     * @throws AssertionError if it is not blocked there within {@code within}
     */
    protected abstract void awaitReaderBlocked(Thread reader, Duration within) throws Exception;

    protected Transport transport;
    protected Peer peer;

    @BeforeEach
    void connectPair() throws Exception {
        Connection c = connect();
        transport = c.transport();
        peer = c.peer();
    }

    @AfterEach
    void disconnect() throws Exception {
        transport.close();
        peer.close();
    }

    byte[] readExactly(int n, Duration perRead) throws Exception {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (got.size() < n && System.nanoTime() < deadline) {
            int r = transport.read(buf, 0, Math.min(buf.length, n - got.size()), perRead);
            got.write(buf, 0, r);
        }
        return got.toByteArray();
    }

    @Test
    void theIdentityNamesThePort() {
        assertThat(transport.identity().path()).isNotBlank();
        assertThat(transport.identity().describe()).startsWith(transport.identity().path());
    }

    @Test
    void readingBeforeOpenIsAClosedError() {
        assertThat(transport.isOpen()).isFalse();
        assertThatThrownBy(() -> transport.read(new byte[1], 0, 1, Duration.ofMillis(10)))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.CLOSED));
    }

    @Test
    void bytesWrittenArriveAtTheBoardInOrder() throws Exception {
        transport.open();
        transport.open();
        byte[] data = new byte[16 * 1024];
        new Random(7).nextBytes(data);
        CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
            try {
                return peer.receive(data.length, Duration.ofSeconds(20));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        for (int off = 0; off < data.length; off += 1000) {
            transport.write(data, off, Math.min(1000, data.length - off));
        }
        assertThat(received.get(30, TimeUnit.SECONDS)).isEqualTo(data);
    }

    @Test
    void bytesFromTheBoardAreRead() throws Exception {
        transport.open();
        byte[] data = new byte[8 * 1024];
        new Random(11).nextBytes(data);
        CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
            try {
                peer.send(data);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(readExactly(data.length, Duration.ofMillis(500))).isEqualTo(data);
        sent.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aReadWithNothingToReadReturnsZeroAfterItsTimeout() throws Exception {
        transport.open();
        long start = System.nanoTime();
        assertThat(transport.read(new byte[16], 0, 16, Duration.ofMillis(150))).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(100), Duration.ofSeconds(3));
    }

    @Test
    void aBlockedReadWakesWhenDataArrives() throws Exception {
        transport.open();
        FutureTask<Integer> read = new FutureTask<>(() -> transport.read(new byte[4], 0, 4, Duration.ofSeconds(10)));
        awaitReaderBlocked(Thread.ofPlatform().name("blocked-read").daemon().start(read), BLOCKING_WITHIN);
        peer.send(new byte[] {1, 2});
        assertThat(read.get(5, TimeUnit.SECONDS)).isBetween(1, 2);
    }

    @Test
    void closeWakesABlockedReaderWithAClosedError() throws Exception {
        transport.open();
        FutureTask<Throwable> read = new FutureTask<>(() -> {
            try {
                transport.read(new byte[4], 0, 4, Duration.ofSeconds(30));
                return null;
            } catch (Throwable e) {
                return e;
            }
        });
        awaitReaderBlocked(Thread.ofPlatform().name("blocked-read").daemon().start(read), BLOCKING_WITHIN);
        transport.close();
        Throwable t = read.get(5, TimeUnit.SECONDS);
        assertThat(t).isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.CLOSED));
        transport.close();
        assertThat(transport.isOpen()).isFalse();
    }

    @Test
    void anUnpluggedBoardIsReportedAsDisconnectedNotAsSilence() throws Exception {
        transport.open();
        peer.unplug();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        TransportException seen = null;
        while (seen == null && System.nanoTime() < deadline) {
            try {
                transport.read(new byte[16], 0, 16, Duration.ofMillis(100));
                transport.write(new byte[] {0});
            } catch (TransportException e) {
                seen = e;
            }
        }
        assertThat(seen).as("a pulled board must surface as an error within seconds").isNotNull();
        assertThat(seen.kind()).isEqualTo(TransportException.Kind.DISCONNECTED);
        assertThat(seen.getMessage()).contains(transport.identity().path());
    }
}

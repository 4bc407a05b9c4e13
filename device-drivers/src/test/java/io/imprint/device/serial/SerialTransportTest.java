package io.imprint.device.serial;

import io.imprint.device.pty.PtyPair;
import io.imprint.device.testing.Blocked;
import io.imprint.device.transport.PortIdentity;
import io.imprint.device.transport.Transport;
import io.imprint.device.transport.TransportContract;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** The transport contract for {@link JSerialCommPort}, with a real pseudo-terminal standing in for the board. */
class SerialTransportTest extends TransportContract {

    @Override
    protected Connection connect() throws Exception {
        PtyPair pair = PtyPair.open();
        Transport transport = new JSerialCommPort(PortIdentity.ofPath(pair.slavePath()), SerialSettings.of(115200));
        return new Connection(transport, new PtyPeer(pair));
    }

    /** jSerialComm's native read, where a reader waits out each {@link JSerialCommPort#SLICE_MILLIS} slice. */
    @Override
    protected void awaitReaderBlocked(Thread reader, Duration within) {
        Blocked.waitUntilBlockedIn(reader, "com.fazecast.jSerialComm.SerialPort.readBytes", within);
    }

    /** The board's end: the pair's master. */
    private record PtyPeer(PtyPair pair) implements Peer {

        @Override
        public void send(byte[] data) throws Exception {
            pair.master().write(data);
        }

        @Override
        public byte[] receive(int n, Duration timeout) throws Exception {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            long deadline = System.nanoTime() + timeout.toNanos();
            while (got.size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("board received " + got.size() + " of " + n + " bytes in " + timeout);
                }
                int r = pair.master().read(buf, 0, Math.min(buf.length, n - got.size()), Duration.ofNanos(left));
                got.write(buf, 0, r);
            }
            return got.toByteArray();
        }

        @Override
        public void unplug() {
            pair.master().close();
        }

        @Override
        public void close() {
            pair.close();
        }
    }
}

package io.imprint.device.smp;

import io.imprint.device.pty.PtyPair;
import io.imprint.device.serial.JSerialCommPort;
import io.imprint.device.serial.SerialSettings;
import io.imprint.device.session.BoardException;
import io.imprint.device.session.LinkTiming;
import io.imprint.device.transport.PortIdentity;
import io.imprint.device.transport.TransportException;
import java.time.Duration;

/** A simulated Zephyr board on the master end of a real pty, and the host's port on its slave end. */
final class SmpRig implements AutoCloseable {

    static final int BAUD = 115200;
    static final String DEVICE_ID = "zb-000417";
    /** Short waits, one retry: error and timeout tests stay quick. */
    static final LinkTiming QUICK = new LinkTiming(BAUD, Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(1), 1);

    final PtyPair pair;
    final SmpSimulator board;

    SmpRig(int boardMtu) throws TransportException {
        pair = PtyPair.open();
        board = new SmpSimulator(pair.master(), SmpOptions.defaults().deviceIdPath(), DEVICE_ID, boardMtu).start();
    }

    SmpRig() throws TransportException {
        this(SmpClient.DEFAULT_MTU);
    }

    JSerialCommPort hostPort() {
        return new JSerialCommPort(PortIdentity.ofPath(pair.slavePath()), SerialSettings.of(BAUD));
    }

    SmpBoard open(SmpOptions options) throws BoardException {
        return SmpBoard.open(hostPort(), QUICK, options);
    }

    SmpBoard open() throws BoardException {
        return open(SmpOptions.defaults());
    }

    @Override
    public void close() {
        board.close();
        pair.close();
    }
}

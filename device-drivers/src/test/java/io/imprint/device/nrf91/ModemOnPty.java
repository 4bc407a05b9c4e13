package io.imprint.device.nrf91;

import io.imprint.device.pty.PtyPair;
import io.imprint.device.serial.JSerialCommPort;
import io.imprint.device.serial.SerialSettings;
import io.imprint.device.session.BoardException;
import io.imprint.device.session.LinkTiming;
import io.imprint.device.transport.PortIdentity;
import java.time.Duration;
import java.util.UUID;

/** A simulated modem on a real pty's master; the driver opens the slave through jSerialComm, as a station would. */
final class ModemOnPty implements AutoCloseable {

    static final String IMEI = "352656100367872";
    static final UUID DEVICE_UUID = UUID.fromString("504d5632-3739-42fb-80c8-1411df972166");
    static final int TAG = Nrf91Options.DEFAULT_SEC_TAG;
    /** Short enough that a timeout test stays quick, long enough for a loaded build machine. */
    static final LinkTiming TIMING = new LinkTiming(115200, Duration.ofMillis(1500), Duration.ofSeconds(10), Duration.ofSeconds(3), 0);

    final PtyPair pty;
    final Nrf91Simulator modem;

    ModemOnPty() throws Exception {
        this(DEVICE_UUID);
    }

    ModemOnPty(UUID uuid) throws Exception {
        pty = PtyPair.open();
        modem = new Nrf91Simulator(pty.master(), IMEI, uuid).start();
    }

    JSerialCommPort port() {
        return new JSerialCommPort(PortIdentity.ofPath(pty.slavePath()), SerialSettings.of(115200));
    }

    Nrf91Board open() throws BoardException {
        return open(TIMING);
    }

    Nrf91Board open(LinkTiming timing) throws BoardException {
        return Nrf91Board.open(port(), timing, Nrf91Options.defaults());
    }

    @Override
    public void close() {
        modem.close();
        pty.close();
    }
}

package io.imprint.device.usb;

import io.imprint.device.transport.TransportContract;
import java.time.Duration;

/** The transport contract, for USB bulk over an in-memory endpoint pair with 64-byte packets. */
final class UsbBulkTransportTest extends TransportContract {

    private FakeEndpointPair pair;

    @Override
    protected Connection connect() {
        pair = new FakeEndpointPair();
        return new Connection(new UsbBulkTransport(pair.identity(), pair::host), pair.board());
    }

    /** The fake knows when a bulk IN transfer is waiting on it; there is only the one reader to wait. */
    @Override
    protected void awaitReaderBlocked(Thread reader, Duration within) {
        pair.awaitBlockedIn(within);
    }
}

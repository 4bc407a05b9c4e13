package io.imprint.device.usb;

import io.imprint.device.transport.TransportContract;

/** The transport contract, for USB bulk over an in-memory endpoint pair with 64-byte packets. */
final class UsbBulkTransportTest extends TransportContract {

    @Override
    protected Connection connect() {
        FakeEndpointPair pair = new FakeEndpointPair();
        return new Connection(new UsbBulkTransport(pair.identity(), pair::host), pair.board());
    }
}

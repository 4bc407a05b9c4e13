package io.imprint.device.usb;

/**
 * Where a {@link UsbBulkTransport} is in its life: not yet opened, open on claimed endpoints, or closed
 * for good.
 *
 * <p>Immutable and thread-safe (the reader inside {@link Open} is not; only the reader thread uses it).
 */
sealed interface TransportState {

    record NotOpened() implements TransportState {
    }

    record Open(BulkEndpoints endpoints, PacketReader reader) implements TransportState {
    }

    record Closed() implements TransportState {
    }
}

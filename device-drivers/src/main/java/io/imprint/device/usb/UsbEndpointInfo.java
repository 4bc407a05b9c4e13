package io.imprint.device.usb;

/**
 * One endpoint descriptor, copied out of libusb's config descriptor so the choice of endpoints is
 * plain Java (and testable without a board).
 *
 * <p>Immutable and thread-safe.
 */
record UsbEndpointInfo(int address, int attributes, int maxPacketSize) {

    private static final int TRANSFER_TYPE_MASK = 0x03;
    private static final int TRANSFER_TYPE_BULK = 0x02;
    private static final int DIRECTION_IN = 0x80;
    // Bits 11-12 of wMaxPacketSize are extra transactions per microframe, meaningful for iso and interrupt only.
    private static final int PACKET_SIZE_MASK = 0x7FF;

    static UsbEndpointInfo of(byte bEndpointAddress, byte bmAttributes, short wMaxPacketSize) {
        return new UsbEndpointInfo(bEndpointAddress & 0xFF, bmAttributes & 0xFF, wMaxPacketSize & PACKET_SIZE_MASK);
    }

    boolean isBulk() {
        return (attributes & TRANSFER_TYPE_MASK) == TRANSFER_TYPE_BULK;
    }

    boolean isIn() {
        return (address & DIRECTION_IN) != 0;
    }
}

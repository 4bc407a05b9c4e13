package io.imprint.device.usb;

/**
 * The interface a transport claims and its two bulk endpoints. {@code inMaxPacketSize} is what the
 * reader must be ready to take in one go: asking libusb for less than a packet overflows.
 *
 * <p>Immutable and thread-safe.
 */
record BulkInterface(int number, int altSetting, int inEndpoint, int outEndpoint, int inMaxPacketSize) {

    /** {@code interface 0 (IN 0x81, OUT 0x01)}. */
    String describe() {
        return "interface " + number + (altSetting != 0 ? " alt " + altSetting : "")
                + " (IN " + UsbNames.endpoint(inEndpoint) + ", OUT " + UsbNames.endpoint(outEndpoint) + ")";
    }
}

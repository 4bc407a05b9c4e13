package io.imprint.device.usb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class UsbInterfaceSpecTest {

    private static final UsbEndpointInfo INTERRUPT_IN = new UsbEndpointInfo(0x83, 0x03, 16);
    private static final UsbEndpointInfo BULK_IN = new UsbEndpointInfo(0x81, 0x02, 64);
    private static final UsbEndpointInfo BULK_OUT = new UsbEndpointInfo(0x01, 0x02, 64);
    private static final UsbEndpointInfo BULK_IN_HS = new UsbEndpointInfo(0x82, 0x02, 512);
    private static final UsbEndpointInfo BULK_OUT_HS = new UsbEndpointInfo(0x02, 0x02, 512);

    // A composite board: CDC control (0x02) and data (0x0a) interfaces, then the vendor interface.
    private final List<UsbInterfaceInfo> board = List.of(
            new UsbInterfaceInfo(0, 0, 0x02, List.of(INTERRUPT_IN)),
            new UsbInterfaceInfo(1, 0, 0x0A, List.of(BULK_IN, BULK_OUT)),
            new UsbInterfaceInfo(2, 0, 0xFF, List.of()),
            new UsbInterfaceInfo(2, 1, 0xFF, List.of(BULK_OUT_HS, INTERRUPT_IN, BULK_IN_HS)));

    @Test
    void theVendorSpecPicksTheFirstVendorSettingWithBothBulkEndpoints() {
        assertThat(UsbInterfaceSpec.vendorClass().select(board))
                .contains(new BulkInterface(2, 1, 0x82, 0x02, 512));
    }

    @Test
    void aNumberPicksThatInterfaceWhateverItsClass() {
        assertThat(UsbInterfaceSpec.number(1).select(board)).contains(new BulkInterface(1, 0, 0x81, 0x01, 64));
        assertThat(UsbInterfaceSpec.number(0).select(board)).isEmpty();
    }

    @Test
    void aBoardWithoutAVendorInterfaceHasNothingToClaim() {
        assertThat(UsbInterfaceSpec.vendorClass().select(board.subList(0, 2))).isEmpty();
    }

    @Test
    void packetSizesDropTheHighBandwidthBits() {
        assertThat(UsbEndpointInfo.of((byte) 0x81, (byte) 0x02, (short) 0x1200).maxPacketSize()).isEqualTo(512);
        assertThat(UsbEndpointInfo.of((byte) 0x81, (byte) 0x02, (short) 64).isIn()).isTrue();
    }

    @Test
    void describesItselfForErrorMessages() {
        assertThat(UsbInterfaceSpec.vendorClass().describe()).isEqualTo("vendor-specific (0xff) interface");
        assertThat(UsbInterfaceSpec.number(2).describe()).isEqualTo("interface 2");
        assertThat(new BulkInterface(2, 1, 0x82, 0x02, 512).describe()).isEqualTo("interface 2 alt 1 (IN 0x82, OUT 0x02)");
    }
}

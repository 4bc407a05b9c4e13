package io.imprint.device.usb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

final class UsbIdTest {

    @Test
    void parsesTheFormLsusbPrints() {
        assertThat(UsbId.parse("0483:5740")).isEqualTo(new UsbId(0x0483, 0x5740));
        assertThat(UsbId.parse(" 1209:ABCD ")).isEqualTo(new UsbId(0x1209, 0xABCD));
        assertThat(UsbId.parse("483:5740")).hasToString("0483:5740");
    }

    @Test
    void rejectsWhatIsNotAnIdAndSaysWhat() {
        for (String bad : new String[] {"", "0483", "0483:", "0483-5740", "10483:5740", "0x483:5740", "zzzz:0001"}) {
            assertThatThrownBy(() -> UsbId.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("\"" + bad + "\"");
        }
        assertThatThrownBy(() -> new UsbId(0x10000, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyAllowlistMatchesNothing() {
        assertThat(UsbFilter.none().matches(0x0483, 0x5740)).isFalse();
        assertThat(UsbFilter.parse("  ").isEmpty()).isTrue();
    }

    @Test
    void anAllowlistMatchesExactlyTheBoardsItNames() {
        UsbFilter filter = UsbFilter.parse("0483:5740, 1209:0001");
        assertThat(filter.allowed()).containsExactlyInAnyOrder(new UsbId(0x0483, 0x5740), new UsbId(0x1209, 0x0001));
        assertThat(filter.matches(0x0483, 0x5740)).isTrue();
        assertThat(filter.matches(0x0483, 0x5741)).isFalse();
        // libusb hands ids over as Java shorts, so 0xabcd arrives negative.
        assertThat(UsbFilter.of(new UsbId(0xABCD, 0x8000)).matches((short) 0xABCD, (short) 0x8000)).isTrue();
        assertThat(UsbFilter.of(Set.of(new UsbId(1, 2))).matches(1, 2)).isTrue();
    }
}

package io.imprint.station.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.device.family.BoardFamily;
import io.imprint.device.nrf91.Nrf91Options;
import io.imprint.device.smp.SmpOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Slot families from the station's settings: a slot's own over the station's, probing by default, bad names said. */
class SlotFamiliesTest {

    @Test
    void aSlotsOwnFamilyWinsOverTheStationsAndNoneMeansProbing() {
        Map<String, String> settings = Map.of(SlotFamilies.STATION_FAMILY, "smp", SlotFamilies.slotKey(2), "NRF91",
                "nrf91.sec-tag", "42", "smp.key-path", "/lfs/k.der", "smp.mtu", "128");
        assertThat(SlotFamilies.forSlot(settings, 1).fixed()).contains(BoardFamily.SMP);
        assertThat(SlotFamilies.forSlot(settings, 2).fixed()).contains(BoardFamily.NRF91);
        assertThat(SlotFamilies.forSlot(settings, 2).nrf91().secTag()).isEqualTo(42);
        assertThat(SlotFamilies.forSlot(settings, 1).smp().keyPath()).isEqualTo("/lfs/k.der");
        assertThat(SlotFamilies.forSlot(settings, 1).smp().mtu()).isEqualTo(128);
        assertThat(SlotFamilies.forSlot(Map.of(), 3).fixed()).isEmpty();
        assertThat(SlotFamilies.forSlot(Map.of(), 3).nrf91()).isEqualTo(Nrf91Options.defaults());
        assertThat(SlotFamilies.forSlot(Map.of(), 3).smp()).isEqualTo(SmpOptions.defaults());
        assertThat(SlotFamilies.forSlot(Map.of(SlotFamilies.slotKey(3), "auto"), 3).fixed()).isEmpty();
    }

    @Test
    void anUnknownFamilyOrANonNumberIsAnErrorNamingTheSetting() {
        assertThatThrownBy(() -> SlotFamilies.forSlot(Map.of(SlotFamilies.slotKey(1), "esp32"), 1))
                .hasMessage("slot.1.family: unknown board family 'esp32' (auto, imprint, nrf91 or smp)");
        assertThatThrownBy(() -> SlotFamilies.forSlot(Map.of("nrf91.sec-tag", "tag"), 1)).hasMessage("nrf91.sec-tag: 'tag' is not a whole number");
    }

    @Test
    void familiesAreStoredWithTheBindingsAndARebindClearsThem() throws Exception {
        Path dir = Files.createTempDirectory("families");
        try (var db = io.imprint.station.store.StationDatabase.open(dir.resolve("station"))) {
            var audit = new io.imprint.station.audit.AuditTrail("station-test", new io.imprint.station.audit.MemoryChainSigner(), 50, java.time.Clock.systemUTC());
            StationSettings settings = new StationSettings(db, audit);
            settings.bindSlots(List.of(PortBinding.parse("/dev/ttyUSB0"), PortBinding.parse("/dev/ttyUSB1")),
                    List.of(Optional.of(BoardFamily.NRF91), Optional.empty()), "admin");
            assertThat(settings.all()).containsEntry("slot.1.family", "nrf91").doesNotContainKey("slot.2.family");
            assertThat(SlotFamilies.forSlot(settings.all(), 1).fixed()).contains(BoardFamily.NRF91);
            settings.bindSlots(List.of(PortBinding.parse("/dev/ttyUSB0")), "admin");
            assertThat(settings.all()).doesNotContainKey("slot.1.family");
        }
    }
}

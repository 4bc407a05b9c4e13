package io.imprint.station.run;

import io.imprint.device.family.BoardFamily;
import io.imprint.device.family.FamilySettings;
import io.imprint.device.nrf91.Nrf91Options;
import io.imprint.device.smp.SmpOptions;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which board family each slot runs, from the station's settings: {@code slot.N.family} (written with the
 * slot's binding, so a new binding clears it) over the station's {@code board.family}, else probing. The
 * families' own settings are station-wide: {@code nrf91.sec-tag}; {@code smp.id-path}, {@code smp.key-path},
 * {@code smp.cert-path}, {@code smp.chain-path}, {@code smp.mtu}.
 *
 * <p>Stateless and thread-safe.
 */
public final class SlotFamilies {

    public static final String STATION_FAMILY = "board.family";
    public static final String AUTO = "auto";

    private SlotFamilies() {
    }

    /** The settings key of slot {@code index}'s family (1-based, as the slots' bindings are). */
    public static String slotKey(int index) {
        return "slot." + index + ".family";
    }

    /** Slot {@code index}'s families; a setting no family has is an error naming it, not a silent probe. */
    public static FamilySettings forSlot(Map<String, String> settings, int index) {
        String name = settings.getOrDefault(slotKey(index), settings.getOrDefault(STATION_FAMILY, AUTO));
        Optional<BoardFamily> fixed = parse(name, slotKey(index));
        return new FamilySettings(fixed, nrf91(settings), smp(settings));
    }

    /** {@code auto} (empty) or a family; anything else is an IllegalArgumentException saying what is allowed. */
    public static Optional<BoardFamily> parse(String name, String what) {
        if (name.isBlank() || name.strip().equalsIgnoreCase(AUTO)) {
            return Optional.empty();
        }
        return Optional.of(BoardFamily.named(name).orElseThrow(() -> new IllegalArgumentException(
                what + ": unknown board family '" + name + "' (auto, imprint, nrf91 or smp)")));
    }

    /** How a family is written in the settings: its enum name in lower case. */
    public static String name(Optional<BoardFamily> family) {
        return family.map(f -> f.name().toLowerCase(Locale.ROOT)).orElse(AUTO);
    }

    private static Nrf91Options nrf91(Map<String, String> s) {
        return Optional.ofNullable(s.get("nrf91.sec-tag")).map(v -> new Nrf91Options(number(v, "nrf91.sec-tag"))).orElse(Nrf91Options.defaults());
    }

    private static SmpOptions smp(Map<String, String> s) {
        SmpOptions d = SmpOptions.defaults();
        return new SmpOptions(s.getOrDefault("smp.id-path", d.deviceIdPath()), s.getOrDefault("smp.key-path", d.keyPath()),
                s.getOrDefault("smp.cert-path", d.certificatePath()), s.getOrDefault("smp.chain-path", d.chainPath()),
                Optional.ofNullable(s.get("smp.mtu")).map(v -> number(v, "smp.mtu")).orElse(d.mtu()));
    }

    private static int number(String value, String key) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + value + "' is not a whole number");
        }
    }
}

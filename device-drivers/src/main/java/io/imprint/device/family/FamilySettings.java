package io.imprint.device.family;

import io.imprint.device.nrf91.Nrf91Options;
import io.imprint.device.smp.SmpOptions;
import java.util.Objects;
import java.util.Optional;

/**
 * Which family a slot's boards are, and each family's own settings.
 *
 * @param fixed empty to probe each board (Imprint HELLO, then AT, then SMP echo)
 * @param nrf91 the modem's sec_tag
 * @param smp   where an SMP board keeps its id, key, certificate and chain
 */
public record FamilySettings(Optional<BoardFamily> fixed, Nrf91Options nrf91, SmpOptions smp) {

    public FamilySettings {
        Objects.requireNonNull(fixed, "fixed");
        Objects.requireNonNull(nrf91, "nrf91");
        Objects.requireNonNull(smp, "smp");
    }

    /** Probe each board, every family on its defaults. */
    public static FamilySettings probing() {
        return new FamilySettings(Optional.empty(), Nrf91Options.defaults(), SmpOptions.defaults());
    }

    public static FamilySettings of(BoardFamily family) {
        return new FamilySettings(Optional.of(family), Nrf91Options.defaults(), SmpOptions.defaults());
    }

    /** "auto", or a family's name as {@link BoardFamily#named} reads it; empty if it is neither. */
    public static Optional<FamilySettings> named(String setting) {
        if (setting == null || setting.isBlank() || setting.trim().equalsIgnoreCase("auto")) {
            return Optional.of(probing());
        }
        return BoardFamily.named(setting).map(FamilySettings::of);
    }
}

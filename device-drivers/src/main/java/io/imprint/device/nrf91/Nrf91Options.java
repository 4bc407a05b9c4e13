package io.imprint.device.nrf91;

/**
 * How the station uses an nRF91 modem.
 *
 * <p>Immutable and thread-safe.
 *
 * @param secTag where the key, certificate and CA chain go (0..2147483647); Nordic's nRF Cloud tag by default
 */
public record Nrf91Options(int secTag) {

    /** nRF Cloud's sec_tag, which Nordic's samples and onboarding tools use. */
    public static final int DEFAULT_SEC_TAG = 16842753;

    public Nrf91Options {
        if (secTag < 0) {
            throw new IllegalArgumentException("sec_tag must be 0..2147483647, was " + secTag);
        }
    }

    public static Nrf91Options defaults() {
        return new Nrf91Options(DEFAULT_SEC_TAG);
    }
}

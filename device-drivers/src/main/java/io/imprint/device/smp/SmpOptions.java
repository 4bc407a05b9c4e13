package io.imprint.device.smp;

import java.util.Objects;

/**
 * Where an SMP board keeps its identity and credentials on its file system, and how much one packet may
 * carry. Files are DER; the chain file is the chain's certificates concatenated, issuing CA first.
 *
 * <p>Immutable and thread-safe.
 *
 * @param deviceIdPath    UTF-8 text: the id the certificate's CN carries
 * @param keyPath         the private key, PKCS#8 DER
 * @param certificatePath the device certificate, DER
 * @param chainPath       the CA chain, DER certificates back to back
 * @param mtu             the board's SMP reassembly buffer (see {@link SmpClient})
 */
public record SmpOptions(String deviceIdPath, String keyPath, String certificatePath, String chainPath, int mtu) {

    public SmpOptions {
        Objects.requireNonNull(deviceIdPath, "deviceIdPath");
        Objects.requireNonNull(keyPath, "keyPath");
        Objects.requireNonNull(certificatePath, "certificatePath");
        Objects.requireNonNull(chainPath, "chainPath");
        if (mtu < 64 || mtu > SmpFrames.MAX_PACKET + SmpFrames.OVERHEAD) {
            throw new IllegalArgumentException("SMP MTU " + mtu + " is outside 64.." + (SmpFrames.MAX_PACKET + SmpFrames.OVERHEAD));
        }
    }

    /** The provisioning firmware's paths on its littlefs mount, and the MTU of Zephyr 2.x. */
    public static SmpOptions defaults() {
        return new SmpOptions("/lfs/imprint/device_id", "/lfs/imprint/device.key", "/lfs/imprint/device.crt",
                "/lfs/imprint/ca.crt", SmpClient.DEFAULT_MTU);
    }

    public SmpOptions withMtu(int newMtu) {
        return new SmpOptions(deviceIdPath, keyPath, certificatePath, chainPath, newMtu);
    }
}

package io.imprint.device.session;

import java.util.List;
import java.util.Optional;

/**
 * What the station installs on a board, all DER. The claim key is a secret: it travels to the board
 * and is never logged; {@link #toString()} does not show it.
 *
 * @param deviceCertificate    the board's own certificate
 * @param caChain              issuing CA first, then up to the root
 * @param claimCertificate     the batch's claim certificate (claim strategy)
 * @param claimKey             the claim certificate's private key, PKCS#8 (claim strategy)
 * @param bootstrapCertificate the five-minute trusted-user certificate (bootstrap strategy)
 */
public record Credentials(Optional<byte[]> deviceCertificate, List<byte[]> caChain, Optional<byte[]> claimCertificate,
                          Optional<byte[]> claimKey, Optional<byte[]> bootstrapCertificate) {

    public Credentials {
        caChain = List.copyOf(caChain);
    }

    public static Credentials device(byte[] certificate, List<byte[]> chain) {
        return new Credentials(Optional.of(certificate), chain, Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Override
    public String toString() {
        return "Credentials[device=" + deviceCertificate.isPresent() + ", chain=" + caChain.size() + ", claim="
                + claimCertificate.isPresent() + ", bootstrap=" + bootstrapCertificate.isPresent() + "]";
    }
}

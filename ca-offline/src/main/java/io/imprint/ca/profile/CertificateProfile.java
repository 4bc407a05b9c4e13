package io.imprint.ca.profile;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * What a certificate of one kind looks like. The profile decides validity, key types and extensions;
 * the CSR decides nothing but the public key.
 *
 * @param name           {@code device}, {@code claim}, {@code bootstrap} or a name of the config's own
 * @param validity       how long from issuance; empty means RFC 5280's "no well-defined expiration" (9999-12-31)
 * @param ecCurves       allowed EC curves by JCA name ({@code secp256r1}, {@code secp384r1}); never below 256 bits
 * @param rsaMinBits     smallest RSA modulus allowed, or 0 where RSA is not enabled; never below 2048
 * @param sanUriPrefix   where present, a SAN URI of this prefix plus the device id is added
 * @param organization   subject O, if any
 * @param organizationalUnit subject OU, if any
 */
public record CertificateProfile(
        String name,
        Optional<Duration> validity,
        Set<String> ecCurves,
        int rsaMinBits,
        Optional<String> sanUriPrefix,
        Optional<String> organization,
        Optional<String> organizationalUnit) {

    public static final int RSA_FLOOR = 2048;

    public CertificateProfile {
        if (rsaMinBits != 0 && rsaMinBits < RSA_FLOOR) {
            throw new IllegalArgumentException("profile " + name + ": rsa-min-bits " + rsaMinBits + " is below " + RSA_FLOOR);
        }
        for (String curve : ecCurves) {
            if (!EcCurves.ALLOWED.contains(curve)) {
                throw new IllegalArgumentException("profile " + name + ": EC curve " + curve + " is not allowed (use p256 or p384)");
            }
        }
        if (validity.isPresent() && (validity.get().isNegative() || validity.get().isZero())) {
            throw new IllegalArgumentException("profile " + name + ": validity must be positive");
        }
        ecCurves = Set.copyOf(ecCurves);
    }

    public boolean rsaEnabled() {
        return rsaMinBits > 0;
    }
}

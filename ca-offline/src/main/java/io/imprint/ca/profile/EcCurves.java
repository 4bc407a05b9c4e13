package io.imprint.ca.profile;

import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;

/** The EC curves a CA of ours accepts, by OID and by the names users write. */
public final class EcCurves {

    public static final Set<String> ALLOWED = Set.of("secp256r1", "secp384r1");

    private static final Map<ASN1ObjectIdentifier, String> BY_OID = Map.of(
            SECObjectIdentifiers.secp256r1, "secp256r1",
            SECObjectIdentifiers.secp384r1, "secp384r1");

    private static final Map<String, String> BY_USER_NAME = Map.of(
            "p256", "secp256r1", "p-256", "secp256r1", "secp256r1", "secp256r1", "prime256v1", "secp256r1",
            "p384", "secp384r1", "p-384", "secp384r1", "secp384r1", "secp384r1");

    private EcCurves() {
    }

    /** The JCA name of an allowed curve OID, or null. */
    public static String nameOf(ASN1ObjectIdentifier oid) {
        return BY_OID.get(oid);
    }

    public static String parse(String userName) {
        String name = BY_USER_NAME.get(userName.trim().toLowerCase(java.util.Locale.ROOT));
        if (name == null) {
            throw new IllegalArgumentException("EC curve '" + userName + "' is not allowed (use p256 or p384)");
        }
        return name;
    }
}

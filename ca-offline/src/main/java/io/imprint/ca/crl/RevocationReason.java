package io.imprint.ca.crl;

import java.util.Arrays;
import java.util.Locale;
import org.bouncycastle.asn1.x509.CRLReason;

/** RFC 5280 §5.3.1 reason codes, by the names operators type. */
public enum RevocationReason {
    UNSPECIFIED(CRLReason.unspecified),
    KEY_COMPROMISE(CRLReason.keyCompromise),
    AFFILIATION_CHANGED(CRLReason.affiliationChanged),
    SUPERSEDED(CRLReason.superseded),
    CESSATION_OF_OPERATION(CRLReason.cessationOfOperation),
    CERTIFICATE_HOLD(CRLReason.certificateHold),
    PRIVILEGE_WITHDRAWN(CRLReason.privilegeWithdrawn);

    private final int code;

    RevocationReason(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** Accepts {@code keyCompromise}, {@code key-compromise} and {@code KEY_COMPROMISE}. */
    public static RevocationReason parse(String text) {
        String norm = text.trim().replaceAll("([a-z])([A-Z])", "$1_$2").replace('-', '_').toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.name().equals(norm)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown revocation reason '" + text + "' (use one of: keyCompromise, superseded, cessationOfOperation, affiliationChanged, privilegeWithdrawn, certificateHold, unspecified)"));
    }
}

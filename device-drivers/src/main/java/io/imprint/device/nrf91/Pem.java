package io.imprint.device.nrf91;

import java.util.Base64;
import java.util.List;

/**
 * PEM text as %CMNG wants it: 64-character base64 lines, each line (the last too) ending in {@code \n}.
 * The modem hashes the content exactly as written, so verify recomputes this same text.
 *
 * <p>Stateless and thread-safe.
 */
final class Pem {

    private static final Base64.Encoder LINES = Base64.getMimeEncoder(64, new byte[] {'\n'});

    private Pem() {
    }

    static String certificate(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + LINES.encodeToString(der) + "\n-----END CERTIFICATE-----\n";
    }

    /** Certificates one after another, in the order given. */
    static String certificates(List<byte[]> ders) {
        StringBuilder b = new StringBuilder();
        ders.forEach(d -> b.append(certificate(d)));
        return b.toString();
    }
}

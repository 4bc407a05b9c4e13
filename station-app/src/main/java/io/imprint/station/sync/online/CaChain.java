package io.imprint.station.sync.online;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The station's CA chain as the registries take it: PEM, the issuing CA first. Stateless and thread-safe. */
public final class CaChain {

    private CaChain() {
    }

    public static List<String> pems(List<X509Certificate> chain) throws CertificateEncodingException {
        List<String> pems = new ArrayList<>();
        for (X509Certificate c : chain) {
            pems.add("-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.getEncoded())
                    + "\n-----END CERTIFICATE-----\n");
        }
        return pems;
    }
}

package io.imprint.station.claim;

import io.imprint.ca.issue.CertificateAuthority;
import io.imprint.station.store.ClaimRecords.ClaimRow;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * Conversions between the claim row, the credential the engine sees and the DER the board gets.
 *
 * <p>Stateless and thread-safe.
 */
final class ClaimView {

    private ClaimView() {
    }

    static ClaimCredential of(ClaimRow row) {
        String serial;
        try {
            serial = new org.bouncycastle.cert.X509CertificateHolder(der(row.certificatePem())).getSerialNumber().toString(16);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the claim certificate of batch " + row.batchId() + " in the log does not parse", e);
        }
        return new ClaimCredential(row.batchId(), row.certificatePem(), row.certificateSha256(), serial, ClaimSource.valueOf(row.source()));
    }

    static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    static List<byte[]> chainDer(CertificateAuthority ca) {
        return ca.chain().stream().map(ClaimView::der).toList();
    }

    private static byte[] der(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a CA certificate does not encode", e);
        }
    }

    /** What the sealed key is bound to: its batch, so a sealed key copied to another batch's row does not unseal. */
    static byte[] associatedData(String batchId) {
        return batchId.getBytes(StandardCharsets.UTF_8);
    }
}

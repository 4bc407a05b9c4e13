package io.imprint.device.session;

import java.io.IOException;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The board-side sanity check of a CSR, before it goes anywhere near the CA: it parses, its signature
 * verifies, and its CN is the subject the station asked for. A board that fails this has faulty
 * firmware; the operator learns it at the board, not as a CA refusal later. (The CA checks again: it
 * trusts nothing the station hands it.) Public for the board families outside this package.
 *
 * <p>Stateless and thread-safe.
 */
public final class CsrCheck {

    private static final BcECContentVerifierProviderBuilder VERIFIERS =
            new BcECContentVerifierProviderBuilder(new DefaultDigestAlgorithmIdentifierFinder());

    private CsrCheck() {
    }

    public static void check(String port, byte[] der, String subjectCn) throws BoardException {
        PKCS10CertificationRequest csr;
        try {
            csr = new PKCS10CertificationRequest(der);
        } catch (IOException | RuntimeException e) {
            throw new BoardException(port, BoardException.Reason.BAD_CSR, null, "board sent something that is not a CSR", e);
        }
        boolean valid;
        try {
            valid = csr.isSignatureValid(VERIFIERS.build(org.bouncycastle.crypto.util.PublicKeyFactory.createKey(csr.getSubjectPublicKeyInfo())));
        } catch (Exception e) {
            valid = false;
        }
        if (!valid) {
            throw new BoardException(port, BoardException.Reason.BAD_CSR, "board's CSR signature does not verify: its key generation is faulty; set the board aside");
        }
        RDN[] cns = csr.getSubject().getRDNs(BCStyle.CN);
        String cn = cns.length == 1 ? IETFUtils.valueToString(cns[0].getFirst().getValue()) : null;
        if (!subjectCn.equals(cn)) {
            throw new BoardException(port, BoardException.Reason.BAD_CSR, "board's CSR is for '" + cn + "', not '" + subjectCn + "': set the board aside");
        }
    }
}

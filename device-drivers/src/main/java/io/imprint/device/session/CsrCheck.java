package io.imprint.device.session;

import java.io.IOException;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The board-side sanity check of a CSR, before it goes anywhere near the CA: it parses, its signature
 * verifies, and its subject is the one PROTOCOL.md §6.3 prescribes: one RDN holding one attribute, CN,
 * a UTF8String (or PrintableString) of exactly the text the station asked for. A board that fails this has faulty
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
        // CSR attributes (an extension request, say) are not read: the CA's profile decides extensions.
        String wrong = subjectProblem(csr.getSubject(), subjectCn);
        if (wrong != null) {
            throw new BoardException(port, BoardException.Reason.BAD_CSR, "board's CSR is not for CN=" + subjectCn + " alone: " + wrong + "; set the board aside");
        }
    }

    /** Null if {@code subject} is exactly §6.3's; else what is wrong with it, in words. */
    private static String subjectProblem(X500Name subject, String subjectCn) {
        RDN[] rdns = subject.getRDNs();
        if (rdns.length != 1 || rdns[0].isMultiValued()) {
            return "its subject has " + (rdns.length == 1 ? "a multi-valued RDN" : rdns.length + " RDNs") + " ('" + subject + "')";
        }
        AttributeTypeAndValue cn = rdns[0].getFirst();
        if (!cn.getType().equals(BCStyle.CN)) {
            return "its subject's one attribute is " + cn.getType().getId() + ", not CN (2.5.4.3)";
        }
        ASN1Encodable value = cn.getValue();
        String text = switch (value) {
            case DERUTF8String u -> u.getString();
            case DERPrintableString p -> p.getString();
            default -> null;
        };
        if (text == null) {
            return "its CN is a " + value.toASN1Primitive().getClass().getSimpleName().replace("DER", "") + ", not a UTF8String or PrintableString";
        }
        if (!text.equals(subjectCn)) {
            return "its CN is '" + text + "'";
        }
        return null;
    }
}

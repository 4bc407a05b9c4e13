package io.imprint.device.nrf91;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.imprint.device.session.BoardException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;

import java.util.Base64;
import java.util.List;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Checks a {@code %KEYGEN: "<base64url(CSR DER)>.<base64url(COSE_Sign1)>"} answer before its CSR is
 * used: the COSE_Sign1 is [protected bstr {1:-7}, unprotected map, payload bstr, signature]; its
 * payload [9 (CSR_msg_v1), device_uuid, sec_tag, sha256(CSR DER), nonce] names the sec_tag asked for
 * and this very CSR; and its ES256 signature (raw r‖s) verifies over
 * ["Signature1", protected, h'', payload] with the CSR's public key. Any mismatch is BAD_CSR: a CSR
 * the modem did not vouch for must not reach the CA.
 *
 * <p>Stateless and thread-safe.
 */
final class KeygenAnswer {

    static final int CSR_MSG_V1 = 9;
    static final int ES256 = -7;
    private static final CBORMapper CBOR = new CBORMapper();

    private KeygenAnswer() {
    }

    /** The CSR DER of a checked answer; {@code quoted} is what follows {@code %KEYGEN:}. */
    static byte[] check(String port, String quoted, int secTag) throws BoardException {
        String body = quoted.strip();
        if (body.length() < 2 || !body.startsWith("\"") || !body.endsWith("\"")) {
            throw Nrf91Failures.badCsr(port, "the answer is not a quoted string");
        }
        String[] parts = body.substring(1, body.length() - 1).split("\\.", -1);
        if (parts.length != 2) {
            throw Nrf91Failures.badCsr(port, "the answer is not <CSR>.<COSE_Sign1>");
        }
        byte[] csr;
        byte[] cose;
        try {
            // Java's decoder takes unpadded base64url as it is: no re-padding needed.
            csr = Base64.getUrlDecoder().decode(parts[0]);
            cose = Base64.getUrlDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw Nrf91Failures.badCsr(port, "the answer is not base64url");
        }
        checkCose(port, csr, cose, secTag);
        return csr;
    }

    static void checkCose(String port, byte[] csr, byte[] cose, int secTag) throws BoardException {
        JsonNode sign1 = tree(port, cose, "COSE_Sign1");
        if (!sign1.isArray() || sign1.size() != 4 || !sign1.get(0).isBinary() || !sign1.get(1).isObject()
                || !sign1.get(2).isBinary() || !sign1.get(3).isBinary()) {
            throw Nrf91Failures.badCsr(port, "COSE_Sign1 is not [protected, unprotected, payload, signature]");
        }
        byte[] protectedBytes = binary(sign1.get(0));
        byte[] payloadBytes = binary(sign1.get(2));
        byte[] signature = binary(sign1.get(3));
        JsonNode header = tree(port, protectedBytes, "protected header");
        // Jackson reports CBOR's integer map keys as their decimal text.
        if (!header.isObject() || header.path("1").asInt(0) != ES256 || !header.path("1").isIntegralNumber()) {
            throw Nrf91Failures.badCsr(port, "COSE algorithm is not ES256");
        }
        JsonNode payload = tree(port, payloadBytes, "COSE payload");
        if (!payload.isArray() || payload.size() < 5) {
            throw Nrf91Failures.badCsr(port, "COSE payload is not [payload_id, device_uuid, sec_tag, digest, nonce]");
        }
        if (!payload.get(0).isIntegralNumber() || payload.get(0).asInt() != CSR_MSG_V1) {
            throw Nrf91Failures.badCsr(port, "COSE payload_id is " + payload.get(0) + ", not 9 (CSR_msg_v1)");
        }
        if (!payload.get(1).isBinary() || binary(payload.get(1)).length != 16) {
            throw Nrf91Failures.badCsr(port, "COSE device_uuid is not 16 bytes");
        }
        if (!payload.get(2).isIntegralNumber() || payload.get(2).asLong() != secTag) {
            throw Nrf91Failures.badCsr(port, "COSE sec_tag is " + payload.get(2) + ", not " + secTag);
        }
        if (!payload.get(3).isBinary() || !MessageDigest.isEqual(binary(payload.get(3)), sha256(csr))) {
            throw Nrf91Failures.badCsr(port, "COSE digest is not the SHA-256 of the CSR");
        }
        if (!verifies(csr, sigStructure(protectedBytes, payloadBytes), signature)) {
            throw Nrf91Failures.badCsr(port, "COSE signature does not verify with the CSR's key");
        }
    }

    /** Sig_structure of RFC 9052 §4.4 for COSE_Sign1, with no external data. */
    static byte[] sigStructure(byte[] protectedBytes, byte[] payload) {
        try {
            return CBOR.writeValueAsBytes(List.of("Signature1", protectedBytes, new byte[0], payload));
        } catch (IOException e) {
            throw new IllegalStateException("CBOR encoding to memory failed", e);
        }
    }

    private static boolean verifies(byte[] csrDer, byte[] signed, byte[] rawSignature) {
        if (rawSignature.length != 64) {
            return false;
        }
        try {
            PKCS10CertificationRequest csr = new PKCS10CertificationRequest(csrDer);
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(csr.getSubjectPublicKeyInfo().getEncoded()));
            // COSE signatures are r‖s, 32 bytes each: the JDK's P1363 format, not DER.
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(key);
            verifier.update(signed);
            return verifier.verify(rawSignature);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static JsonNode tree(String port, byte[] cbor, String what) throws BoardException {
        try {
            JsonNode node = CBOR.readTree(cbor);
            if (node == null) {
                throw Nrf91Failures.badCsr(port, what + " is empty");
            }
            return node;
        } catch (IOException e) {
            throw Nrf91Failures.badCsr(port, what + " is not CBOR");
        }
    }

    private static byte[] binary(JsonNode node) {
        try {
            return node.binaryValue();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

}

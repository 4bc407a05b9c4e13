package io.imprint.device.nrf91;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * What a simulated modem's %KEYGEN makes, from Nordic's AT reference: an EC P-256 key, a CSR for the
 * asked subject, and a COSE_Sign1 [protected {1:-7}, {}, payload, r‖s] whose payload is
 * [9, device_uuid, sec_tag, sha256(CSR), nonce], signed over ["Signature1", protected, h'', payload].
 * BouncyCastle's provider throughout, so the driver's JDK-side checks meet an independent implementation.
 *
 * <p>Stateless and thread-safe.
 */
final class SimulatedKeygen {

    /** A made key: the %KEYGEN answer (quoted) and the private key's PEM the modem stores as type 2. */
    record Made(String answer, String keyPem, byte[] csrDer) {
    }

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final CBORMapper CBOR = new CBORMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private SimulatedKeygen() {
    }

    static Made make(String subject, UUID deviceUuid, int secTag, boolean corruptDigest) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair pair = generator.generateKeyPair();
            byte[] csr = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(pair.getPrivate()))
                    .getEncoded();
            byte[] digested = corruptDigest ? "not the CSR".getBytes(java.nio.charset.StandardCharsets.US_ASCII) : csr;
            byte[] nonce = new byte[16];
            RANDOM.nextBytes(nonce);
            byte[] protectedHeader = es256Header();
            byte[] payload = CBOR.writeValueAsBytes(List.of(9, uuidBytes(deviceUuid), secTag, MessageDigest.getInstance("SHA-256").digest(digested), nonce));
            byte[] toSign = CBOR.writeValueAsBytes(List.of("Signature1", protectedHeader, new byte[0], payload));
            Signature signer = Signature.getInstance("SHA256withPLAIN-ECDSA", BC);
            signer.initSign(pair.getPrivate(), RANDOM);
            signer.update(toSign);
            byte[] cose = CBOR.writeValueAsBytes(List.of(protectedHeader, Map.of(), payload, signer.sign()));
            String answer = "\"" + B64URL.encodeToString(csr) + "." + B64URL.encodeToString(cose) + "\"";
            String keyPem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            return new Made(answer, keyPem, csr);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("simulated key generation failed", e);
        }
    }

    /** {1: -7}: the key an integer, as COSE wants, which only the generator's field-id call writes. */
    private static byte[] es256Header() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = CBOR.getFactory().createGenerator(out)) {
            CBORGenerator cbor = (CBORGenerator) g;
            cbor.writeStartObject(null, 1);
            cbor.writeFieldId(1);
            cbor.writeNumber(-7);
            cbor.writeEndObject();
        }
        return out.toByteArray();
    }

    static byte[] uuidBytes(UUID uuid) {
        return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
    }
}

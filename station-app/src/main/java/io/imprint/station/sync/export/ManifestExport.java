package io.imprint.station.sync.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imprint.station.audit.ChainSigner;
import io.imprint.station.batch.Batch;
import io.imprint.station.util.JsonText;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.Base64;

/**
 * The Microchip-style signed manifest (Trust&amp;GO / TrustFLEX): a JSON array of flattened JWS, one per
 * board, each an ES256 signature by the station key over an entry naming the board's public key (as a
 * JWK) and its certificate chain ({@code x5c}: the board's certificate, then the CA's that signed it).
 * A verifier finds the signer by {@code kid} / {@code x5t#S256}, checks the JWS, then the chain.
 *
 * <p>Not thread-safe: one export, one writer.
 */
final class ManifestExport implements AutoCloseable {

    static final String FILE = "manifest.json";
    static final String SIGNER_CERTIFICATE = "manifest-signer.pem";

    /** ISO-8601 UTC with milliseconds, as Microchip's manifests write it. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final JsonGenerator out;
    private final Batch batch;
    private final String caDer;
    private final String protectedHeader;
    private final JwsSigning jws;
    private final CertificateFactory x509;

    private ManifestExport(JsonGenerator out, Batch batch, String caDer, String protectedHeader, JwsSigning jws) throws CertificateException {
        this.out = out;
        this.batch = batch;
        this.caDer = caDer;
        this.protectedHeader = protectedHeader;
        this.jws = jws;
        this.x509 = CertificateFactory.getInstance("X.509");
    }

    static ManifestExport open(Batch batch, X509Certificate ca, ChainSigner signer, X509Certificate signerCertificate, BundleWriter bundle)
            throws ExportException, IOException {
        JwsSigning jws = new JwsSigning(signer);
        if (!signerCertificate.getPublicKey().equals(signer.publicKey())) {
            throw ExportException.failed("the station certificate is not of the station key that signs", null);
        }
        ObjectNode header = JsonText.MAPPER.createObjectNode().put("typ", "JWT").put("alg", "ES256")
                .put("kid", JwsSigning.kid(signerCertificate)).put("x5t#S256", JwsSigning.thumbprint(signerCertificate));
        try (OutputStream pem = bundle.file(SIGNER_CERTIFICATE)) {
            pem.write(pem(signerCertificate).getBytes(StandardCharsets.US_ASCII));
            JsonGenerator json = JsonText.MAPPER.createGenerator(bundle.file(FILE));
            json.writeStartArray();
            return new ManifestExport(json, batch, Base64.getEncoder().encodeToString(ca.getEncoded()),
                    JwsSigning.B64URL.encodeToString(JsonText.MAPPER.writeValueAsBytes(header)), jws);
        } catch (CertificateException e) {
            throw ExportException.failed("cannot encode the CA or station certificate: " + e.getMessage(), e);
        }
    }

    void add(ExportDevice d) throws ExportException {
        X509Certificate cert;
        try {
            cert = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(d.certificatePem().getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw ExportException.failed("the certificate of " + d.deviceId() + " in the batch log does not parse: " + e.getMessage(), e);
        }
        if (!(cert.getPublicKey() instanceof ECPublicKey key) || key.getParams().getCurve().getField().getFieldSize() != 256) {
            throw ExportException.refused("board " + d.deviceId() + " has no EC P-256 key: a Microchip-style manifest lists P-256 keys only");
        }
        String uniqueId = d.chipUid();
        ObjectNode entry = JsonText.MAPPER.createObjectNode().put("version", 1).put("model", batch.product()).put("partNumber", batch.product());
        entry.putObject("manufacturer").put("organizationName", "Imprint").put("organizationalUnitName", batch.role());
        entry.putObject("provisioner").put("organizationName", "Imprint").put("organizationalUnitName", batch.id());
        entry.put("groupId", batch.id());
        entry.put("provisioningTimestamp", d.provisionedAt() == null ? "" : TIMESTAMP.format(d.provisionedAt()));
        entry.put("uniqueId", uniqueId);
        ObjectNode jwk = entry.putObject("publicKeySet").putArray("keys").addObject().put("kid", "0").put("kty", "EC").put("crv", "P-256")
                .put("x", coordinate(key.getW().getAffineX())).put("y", coordinate(key.getW().getAffineY()));
        ArrayNode x5c = jwk.putArray("x5c");
        try {
            x5c.add(Base64.getEncoder().encodeToString(cert.getEncoded())).add(caDer);
            String payload = JwsSigning.B64URL.encodeToString(JsonText.MAPPER.writeValueAsBytes(entry));
            out.writeStartObject();
            out.writeStringField("payload", payload);
            out.writeStringField("protected", protectedHeader);
            out.writeObjectFieldStart("header");
            out.writeStringField("uniqueId", uniqueId);
            out.writeEndObject();
            out.writeStringField("signature", jws.sign(protectedHeader + "." + payload));
            out.writeEndObject();
        } catch (CertificateEncodingException | IOException e) {
            throw ExportException.failed("cannot write the manifest entry of " + d.deviceId() + ": " + e.getMessage(), e);
        }
    }

    private static String coordinate(BigInteger v) {
        byte[] b = v.toByteArray();
        byte[] fixed = new byte[32];
        int n = Math.min(32, b.length);
        System.arraycopy(b, b.length - n, fixed, 32 - n, n);
        return JwsSigning.B64URL.encodeToString(fixed);
    }

    static String pem(X509Certificate c) throws CertificateEncodingException {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }

    @Override
    public void close() throws IOException {
        out.writeEndArray();
        out.close();
    }
}

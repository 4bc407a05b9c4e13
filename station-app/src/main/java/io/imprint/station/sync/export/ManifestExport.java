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
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The Microchip-style signed manifest (Trust&amp;GO / TrustFLEX): a JSON array of flattened JWS, one per
 * board, each an ES256 signature by the station key over an entry naming the board's public key (as a
 * JWK) and its certificate chain ({@code x5c}: the board's certificate, then the CA's that signed it).
 * A verifier finds the signer by {@code kid} / {@code x5t#S256}, checks the JWS, then the chain.
 *
 * <p>Not thread-safe: one export, one caller (it signs on worker threads of its own).
 */
final class ManifestExport implements AutoCloseable {

    static final String FILE = "manifest.json";
    static final String SIGNER_CERTIFICATE = "manifest-signer.pem";
    /** Entries signed ahead of the one being written: enough to keep every core busy. */
    private static final int WINDOW = 256;

    /** ISO-8601 UTC with milliseconds, as Microchip's manifests write it. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final JsonGenerator out;
    private final Batch batch;
    private final String caDer;
    private final String protectedHeader;
    private final JwsSigning jws;
    /** CertificateFactory is not documented thread-safe: one per worker. */
    private final ThreadLocal<CertificateFactory> x509 = ThreadLocal.withInitial(ManifestExport::factory);
    /**
     * Each entry costs an ECDSA signature (about 0.1 ms in software, more in an HSM): the entries are
     * built and signed on every core, and written in the batch log's order from a bounded window, so the
     * memory stays flat.
     */
    private final ExecutorService workers;
    private final ArrayDeque<Future<Entry>> window = new ArrayDeque<>();
    private boolean failed;

    /** One signed entry, ready to write. */
    private record Entry(String uniqueId, String payload, String signature) {
    }

    private ManifestExport(JsonGenerator out, Batch batch, String caDer, String protectedHeader, JwsSigning jws) {
        this.out = out;
        this.batch = batch;
        this.caDer = caDer;
        this.protectedHeader = protectedHeader;
        this.jws = jws;
        int cores = Runtime.getRuntime().availableProcessors();
        this.workers = Executors.newFixedThreadPool(cores, Thread.ofPlatform().daemon().name("manifest-signer-", 1).factory());
    }

    private static CertificateFactory factory() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("this JDK has no X.509 certificate factory", e);
        }
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
        window.add(workers.submit(() -> entry(d)));
        if (window.size() >= WINDOW) {
            write(window.poll());
        }
    }

    private void write(Future<Entry> next) throws ExportException {
        Entry e;
        try {
            e = next.get();
        } catch (ExecutionException ex) {
            failed = true;
            throw ex.getCause() instanceof ExportException x ? x : ExportException.failed("cannot sign a manifest entry: " + ex.getCause(), ex.getCause());
        } catch (InterruptedException ex) {
            failed = true;
            Thread.currentThread().interrupt();
            throw ExportException.failed("the manifest export was interrupted", ex);
        }
        try {
            out.writeStartObject();
            out.writeStringField("payload", e.payload());
            out.writeStringField("protected", protectedHeader);
            out.writeObjectFieldStart("header");
            out.writeStringField("uniqueId", e.uniqueId());
            out.writeEndObject();
            out.writeStringField("signature", e.signature());
            out.writeEndObject();
        } catch (IOException ex) {
            failed = true;
            throw ExportException.failed("cannot write the manifest entry of " + e.uniqueId() + ": " + ex.getMessage(), ex);
        }
    }

    private Entry entry(ExportDevice d) throws ExportException {
        X509Certificate cert;
        try {
            cert = (X509Certificate) x509.get().generateCertificate(new ByteArrayInputStream(d.certificatePem().getBytes(StandardCharsets.US_ASCII)));
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
            return new Entry(uniqueId, payload, jws.sign(protectedHeader + "." + payload));
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
    public void close() throws ExportException, IOException {
        try {
            while (!failed && !window.isEmpty()) {
                write(window.poll());
            }
            if (!failed) {
                out.writeEndArray();
            }
            out.close();
        } finally {
            workers.shutdownNow();
        }
    }
}

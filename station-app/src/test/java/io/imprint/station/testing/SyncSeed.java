package io.imprint.station.testing;

import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import io.imprint.station.util.JsonText;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A batch log holding provisioned boards as the engine leaves them (devices, acknowledged certificates,
 * DEVICE_PROVISIONED outbox entries with the engine's payload), written straight into a real H2 file:
 * the sync's tests need a thousand boards, not the minutes the engine takes to provision them over ptys.
 * Certificates are real (CN = device id, EC P-256, signed by this seed's CA).
 *
 * <p>Not thread-safe: one per test.
 */
public final class SyncSeed {

    private final KeyPair ca;
    private final KeyPair leaf;
    private final ContentSigner signer;
    private final String caPem;
    private long serial = 1;

    public SyncSeed() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        ca = generator.generateKeyPair();
        // One board key for all: every certificate (and so every fingerprint) still differs by serial and subject.
        leaf = generator.generateKeyPair();
        signer = new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate());
        caPem = pem(certificate("Imprint Sync Test CA", ca));
    }

    public String caPem() {
        return caPem;
    }

    /** Creates batch {@code batchId} (thing group {@code line-3}, attribute site=lyon) with {@code count} provisioned boards; returns their ids. */
    public List<String> provisioned(StationDatabase db, String batchId, int count) throws Exception {
        Instant now = Instant.now();
        List<String> ids = new ArrayList<>();
        try (Connection tx = db.connection()) {
            tx.setAutoCommit(false);
            try (PreparedStatement batch = tx.prepareStatement("MERGE INTO batches (batch_id, product, role, quantity, strategy, profile, status, thing_group,"
                    + " attributes, created_by, created_at) KEY (batch_id) VALUES (?, 'Sensor S1', 'telemetry', ?, 'KEY_ON_BOARD', 'device', 'OPEN', 'line-3',"
                    + " '{\"site\":\"lyon\"}', 'seed', ?)")) {
                batch.setString(1, batchId);
                batch.setInt(2, Math.max(count, 1));
                batch.setTimestamp(3, Timestamp.from(now));
                batch.executeUpdate();
            }
            try (PreparedStatement dev = tx.prepareStatement("INSERT INTO devices (device_id, batch_id, chip_uid, status, certificate_serial, first_seen_at,"
                    + " provisioned_at) VALUES (?,?,?,'PROVISIONED',?,?,?)");
                 PreparedStatement cert = tx.prepareStatement("INSERT INTO certificates (serial, device_id, batch_id, profile, pem, sha256, public_key_sha256,"
                         + " not_before, not_after, status, issued_at) VALUES (?,?,?,'device',?,?,?,?,?,'ACKNOWLEDGED',?)");
                 PreparedStatement outbox = tx.prepareStatement("INSERT INTO sync_outbox (batch_id, device_id, kind, payload, created_at) VALUES (?,?,"
                         + "'DEVICE_PROVISIONED',?,?)")) {
                for (int i = 0; i < count; i++) {
                    String id = batchId + "-%05d".formatted(i);
                    ids.add(id);
                    X509CertificateHolder c = certificate(id, leaf);
                    String serialHex = c.getSerialNumber().toString(16);
                    String sha = sha256(c.getEncoded());
                    dev.setString(1, id);
                    dev.setString(2, batchId);
                    dev.setString(3, "UID" + id);
                    dev.setString(4, serialHex);
                    dev.setTimestamp(5, Timestamp.from(now));
                    dev.setTimestamp(6, Timestamp.from(now));
                    dev.addBatch();
                    cert.setString(1, serialHex);
                    cert.setString(2, id);
                    cert.setString(3, batchId);
                    cert.setString(4, pem(c));
                    cert.setString(5, sha);
                    cert.setString(6, sha256(leaf.getPublic().getEncoded()));
                    cert.setTimestamp(7, Timestamp.from(now.minus(1, ChronoUnit.DAYS)));
                    cert.setTimestamp(8, Timestamp.from(now.plus(365, ChronoUnit.DAYS)));
                    cert.setTimestamp(9, Timestamp.from(now));
                    cert.addBatch();
                    outbox.setString(1, batchId);
                    outbox.setString(2, id);
                    outbox.setString(3, payload(batchId, id, serialHex, sha));
                    outbox.setTimestamp(4, Timestamp.from(now));
                    outbox.addBatch();
                }
                dev.executeBatch();
                cert.executeBatch();
                outbox.executeBatch();
            }
            tx.commit();
        }
        return ids;
    }

    /** Revokes {@code deviceId}'s certificate as the engine does: the certificate row, then a CERTIFICATE_REVOKED entry. */
    public void revoke(StationDatabase db, String batchId, String deviceId) throws Exception {
        try (Connection tx = db.connection()) {
            String serialHex = io.imprint.station.store.Sql.query(tx, "SELECT certificate_serial FROM devices WHERE device_id = ?", rs -> rs.getString(1), deviceId)
                    .getFirst();
            io.imprint.station.store.Sql.update(tx, "UPDATE certificates SET status = 'REVOKED', revoked_at = ?, revocation_reason = 'keyCompromise' WHERE serial = ?",
                    Instant.now(), serialHex);
            io.imprint.station.store.Sql.update(tx, "INSERT INTO sync_outbox (batch_id, device_id, kind, payload, created_at) VALUES (?,?,'CERTIFICATE_REVOKED',?,?)",
                    batchId, deviceId, JsonText.of("deviceId", deviceId, "serial", serialHex, "reason", "keyCompromise"), Instant.now());
        }
    }

    /** A CLAIM board's entry: no serial, the batch's claim fingerprint instead. */
    public void claimEntry(StationDatabase db, String batchId, String deviceId) throws Exception {
        try (Connection tx = db.connection()) {
            io.imprint.station.store.Sql.update(tx, "INSERT INTO sync_outbox (batch_id, device_id, kind, payload, created_at) VALUES (?,?,'DEVICE_PROVISIONED',?,?)",
                    batchId, deviceId, JsonText.of("deviceId", deviceId, "batch", batchId, "claimSha256", "ab".repeat(32)), Instant.now());
        }
    }

    private static String payload(String batchId, String id, String serialHex, String sha) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("deviceId", id);
        p.put("batch", batchId);
        p.put("product", "Sensor S1");
        p.put("role", "telemetry");
        p.put("serial", serialHex);
        p.put("certificateSha256", sha);
        p.put("thingGroup", "line-3");
        p.put("attributes", Map.of("site", "lyon"));
        return JsonText.object(p);
    }

    private X509CertificateHolder certificate(String cn, KeyPair subject) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(new X500Name("CN=Imprint Sync Test CA"), BigInteger.valueOf(serial++).shiftLeft(32).add(BigInteger.valueOf(0x1234)),
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(365, ChronoUnit.DAYS)), new X500Name("CN=" + cn), subject.getPublic())
                .build(signer);
    }

    private static String pem(X509CertificateHolder holder) throws Exception {
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(holder);
        }
        return pem.toString();
    }

    private static String sha256(byte[] der) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }
}

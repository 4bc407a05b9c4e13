package io.imprint.station.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.ca.issue.Pem;
import io.imprint.ca.key.KeyManagers;
import io.imprint.device.session.Credentials;
import io.imprint.station.batch.Batch;
import io.imprint.station.batch.Strategy;
import io.imprint.station.claim.ClaimCredential;
import io.imprint.station.claim.ClaimCredentials;
import io.imprint.station.claim.ClaimException;
import io.imprint.station.claim.ClaimSource;
import io.imprint.station.store.Sql;
import io.imprint.station.store.Transactions;
import io.imprint.station.testing.SecretScan;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The claim credential service on the fixture's token, CA and H2 file, without boards. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClaimCredentialsTest {

    EngineFixture f;
    ClaimCredentials claims;

    @BeforeAll
    void station() throws Exception {
        f = new EngineFixture(Files.createTempDirectory("claims"));
    }

    /** Each test its own batch log (the token is the class's). */
    @BeforeEach
    void freshDatabase() throws Exception {
        f.freshDatabase();
        claims = f.station.claims().orElseThrow();
    }

    @AfterAll
    void close() {
        f.close();
    }

    @Test
    void aClaimIsIssuedOnceAndItsKeyIsKeptSealedUnderTheBatchId() throws Exception {
        f.openBatch("WO-C1", 2, Strategy.CLAIM, "claim");
        ClaimCredential first = claims.getOrCreate("WO-C1", "sup");
        assertThat(claims.getOrCreate("WO-C1", "sup")).isEqualTo(first);
        assertThat(first.source()).isEqualTo(ClaimSource.ISSUED);
        X509CertificateHolder cert = new X509CertificateHolder(der(first.certificatePem()));
        assertThat(cert.getSubject().toString()).contains("CN=claim-WO-C1");
        assertThat(cert.getSerialNumber().toString(16)).isEqualTo(first.serialHex());

        byte[] sealed = sealedKey("WO-C1");
        byte[] pkcs8 = KeyManagers.secretSealer(f.keys).unseal(ClaimCredentials.SEAL_KEY, sealed, "WO-C1".getBytes(StandardCharsets.UTF_8));
        SecretScan.assertAbsent(sealed, "the sealed key", pkcs8);
        assertThat(signsFor(pkcs8, cert)).as("the sealed key is the certificate's").isTrue();
        Arrays.fill(pkcs8, (byte) 0);
        Transactions.inTransaction(f.db, tx -> {
            assertThat(Sql.count(tx, "SELECT COUNT(*) FROM audit_events WHERE action = 'claim.issued' AND subject = 'WO-C1'")).isEqualTo(1);
            return null;
        });
    }

    @Test
    void noMoreBoardsThanTheQuantityReceiveTheClaimAndABoardAskingAgainKeepsItsPlace() throws Exception {
        Batch batch = f.openBatch("WO-C2", 2, Strategy.CLAIM, "claim");
        ClaimCredential claim = claims.getOrCreate("WO-C2", "sup");
        for (String device : List.of("DEV-1", "DEV-2", "DEV-1")) {
            Credentials c = Transactions.inTransaction(f.db, tx -> claims.forBoard(tx, batch, device));
            assertThat(Pem.sha256Hex(c.claimCertificate().orElseThrow())).isEqualTo(claim.certificateSha256());
            assertThat(c.caChain()).hasSize(2);
            assertThat(c.deviceCertificate()).isEmpty();
            Arrays.fill(c.claimKey().orElseThrow(), (byte) 0);
        }
        assertThatThrownBy(() -> Transactions.inTransaction(f.db, tx -> claims.forBoard(tx, batch, "DEV-3")))
                .isInstanceOf(ClaimException.class)
                .hasMessageStartingWith("Claim batch complete")
                .satisfies(e -> assertThat(((ClaimException) e).reason()).isEqualTo(ClaimException.Reason.BATCH_COMPLETE));
        Transactions.inTransaction(f.db, tx -> {
            assertThat(Sql.query(tx, "SELECT device_id FROM claim_recipients WHERE batch_id = 'WO-C2' ORDER BY device_id", rs -> rs.getString(1)))
                    .containsExactly("DEV-1", "DEV-2");
            return null;
        });
    }

    @Test
    void aSealedKeyThatWasChangedOrMovedToAnotherBatchDoesNotUnseal() throws Exception {
        Batch a = f.openBatch("WO-C3", 5, Strategy.CLAIM, "claim");
        Batch b = f.openBatch("WO-C4", 5, Strategy.CLAIM, "claim");
        claims.getOrCreate(a.id(), "sup");
        claims.getOrCreate(b.id(), "sup");
        byte[] fromA = sealedKey(a.id());
        setSealedKey(b.id(), fromA);
        assertThatThrownBy(() -> Transactions.inTransaction(f.db, tx -> claims.forBoard(tx, b, "DEV-9")))
                .isInstanceOf(ClaimException.class).hasMessageContaining("did not unseal").hasMessageContaining("does not authenticate");
        byte[] flipped = fromA.clone();
        flipped[20] ^= 0x01;
        setSealedKey(a.id(), flipped);
        assertThatThrownBy(() -> Transactions.inTransaction(f.db, tx -> claims.forBoard(tx, a, "DEV-9")))
                .isInstanceOf(ClaimException.class)
                .satisfies(e -> assertThat(((ClaimException) e).reason()).isEqualTo(ClaimException.Reason.SEALING));
        Transactions.inTransaction(f.db, tx -> {
            assertThat(Sql.count(tx, "SELECT COUNT(*) FROM claim_recipients WHERE device_id = 'DEV-9'")).as("no place taken").isZero();
            return null;
        });
    }

    @Test
    void aCloudProvidersClaimIsImportedSealedAndHandedToBoardsAsIs() throws Exception {
        Batch batch = f.openBatch("WO-AWS", 3, Strategy.CLAIM, "claim");
        KeyPair cloudCa = keyPair("EC", 256);
        KeyPair claimKey = keyPair("RSA", 2048);
        byte[] cert = certificate("CN=Amazon Web Services O=Amazon.com Inc.", cloudCa, "CN=AWS IoT Certificate", claimKey);
        char[] pkcs1Pem = pem(claimKey);
        assertThat(new String(pkcs1Pem)).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        ClaimCredential imported = claims.importClaim("WO-AWS", Pem.encode("CERTIFICATE", cert), pkcs1Pem, "sup");
        assertThat(imported.source()).isEqualTo(ClaimSource.IMPORTED);
        assertThat(claims.getOrCreate("WO-AWS", "sup")).isEqualTo(imported);
        Credentials c = Transactions.inTransaction(f.db, tx -> claims.forBoard(tx, batch, "DEV-A"));
        assertThat(c.claimCertificate().orElseThrow()).isEqualTo(cert);
        assertThat(c.claimKey().orElseThrow()).isEqualTo(claimKey.getPrivate().getEncoded());
        assertThat(c.caChain()).as("the station's CA did not issue it").isEmpty();

        assertThatThrownBy(() -> claims.importClaim("WO-AWS", Pem.encode("CERTIFICATE", cert), pem(claimKey), "sup"))
                .isInstanceOf(ClaimException.class).hasMessageContaining("never replaced");
    }

    @Test
    void anImportIsRefusedWhenTheKeyIsNotTheCertificatesOrTheBatchIsNoClaimBatch() throws Exception {
        f.openBatch("WO-BAD", 3, Strategy.CLAIM, "claim");
        f.openBatch("WO-DEV", 3, Strategy.KEY_ON_BOARD, "device");
        KeyPair cloudCa = keyPair("EC", 256);
        KeyPair claimKey = keyPair("EC", 256);
        byte[] cert = certificate("CN=Cloud CA", cloudCa, "CN=claim", claimKey);
        KeyPair other = keyPair("EC", 256);
        assertThatThrownBy(() -> claims.importClaim("WO-BAD", Pem.encode("CERTIFICATE", cert), pem(other), "sup"))
                .isInstanceOf(ClaimException.class).hasMessageContaining("does not belong to the claim certificate")
                .satisfies(e -> SecretScan.assertAbsent(e.getMessage().getBytes(StandardCharsets.UTF_8), "the message", other.getPrivate().getEncoded()));
        assertThatThrownBy(() -> claims.importClaim("WO-DEV", Pem.encode("CERTIFICATE", cert), pem(claimKey), "sup"))
                .isInstanceOf(ClaimException.class).hasMessageContaining("not CLAIM");
        assertThatThrownBy(() -> claims.getOrCreate("WO-DEV", "sup"))
                .isInstanceOf(ClaimException.class).hasMessageContaining("not CLAIM");
    }

    private static boolean signsFor(byte[] pkcs8, X509CertificateHolder cert) throws Exception {
        Signature sign = Signature.getInstance("SHA256withECDSA");
        sign.initSign(KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
        sign.update((byte) 7);
        Signature verify = Signature.getInstance("SHA256withECDSA");
        verify.initVerify(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(cert.getSubjectPublicKeyInfo().getEncoded())));
        verify.update((byte) 7);
        return verify.verify(sign.sign());
    }

    private byte[] sealedKey(String batchId) throws Exception {
        return Transactions.inTransaction(f.db, tx -> Sql.query(tx, "SELECT encrypted_key FROM claim_credentials WHERE batch_id = ?",
                rs -> rs.getBytes(1), batchId).getFirst());
    }

    private void setSealedKey(String batchId, byte[] sealed) throws Exception {
        Transactions.inTransaction(f.db, tx -> Sql.update(tx, "UPDATE claim_credentials SET encrypted_key = ? WHERE batch_id = ?", sealed, batchId));
    }

    private static byte[] der(String pem) {
        return java.util.Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    private static KeyPair keyPair(String algorithm, int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
        g.initialize(bits);
        return g.generateKeyPair();
    }

    private static byte[] certificate(String issuer, KeyPair issuerKey, String subject, KeyPair subjectKey) throws Exception {
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(60)),
                Date.from(now.plusSeconds(86400)), new X500Name(subject), subjectKey.getPublic());
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())).getEncoded();
    }

    /**
     * The key as a cloud console hands it out: PKCS#1 "RSA PRIVATE KEY" for RSA; PKCS#8 for EC, since
     * BouncyCastle writes a JDK 25 EC key as SEC 1 without its curve (the JDK's PKCS#8 no longer repeats it).
     */
    private static char[] pem(KeyPair pair) throws Exception {
        if (pair.getPrivate().getAlgorithm().equals("EC")) {
            return Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()).toCharArray();
        }
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(pair);
        }
        return out.toString().toCharArray();
    }
}

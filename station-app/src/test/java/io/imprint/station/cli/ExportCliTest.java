package io.imprint.station.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.imprint.ca.testing.TestTokens;
import io.imprint.device.sim.BoardFarm;
import io.imprint.device.sim.BoardProfile;
import io.imprint.device.sim.FaultMode;
import io.imprint.station.audit.MemoryChainSigner;
import io.imprint.station.audit.StationKeys;
import io.imprint.station.testing.Cli;
import io.imprint.station.testing.Cli.Run;
import io.imprint.station.util.JsonText;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import io.imprint.station.store.CertificateRecords;
import io.imprint.station.store.Sql;
import io.imprint.station.store.StationDatabase;
import java.sql.Connection;
import java.time.Instant;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code imprint export} and {@code export verify} on a station that provisioned boards over ptys with its
 * CA in SoftHSM: the AWS bundle's files as AWS documents them, the signed list, tampering, refusals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportCliTest {

    @TempDir
    static Path dir;
    /** More than one DPS bulk body's worth. */
    static final int BOARDS = 12;
    Path stationKey;

    Run station(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dir.toString(), "--station-id", "line-5", "--user", "sam"));
        return Cli.imprint(all);
    }

    /** One station for the class: SoftHSM's module is loaded once per JVM, with the first test's token directory. */
    @BeforeAll
    void provisionTwelveBoards() throws Exception {
        TestTokens.stationCa(dir, "line-5");
        Run create = station("batch", "create", "--id", "WO-7", "--product", "Sensor S1", "--role", "telemetry", "--quantity", "20",
                "--thing-group", "sensors", "--policy", "SensorPolicy", "--thing-type", "S1", "--attribute", "line=5", "--attribute", "site=brno");
        assertThat(create.exit()).as(create.err()).isZero();
        assertThat(station("batch", "open", "WO-7").exit()).isZero();
        try (BoardFarm farm = new BoardFarm(dir.resolve("boards"), BOARDS, BoardProfile.keygen(0, Duration.ZERO), FaultMode.NONE)) {
            List<String> ports = new ArrayList<>();
            for (int i = 0; i < BOARDS; i++) {
                ports.add(farm.socketLink(i).toString());
            }
            Run run = station("run", "--batch", "WO-7", "--ports", String.join(",", ports), "--boards", Integer.toString(BOARDS));
            assertThat(run.exit()).as(run.err()).isZero();
        }
        // The key comes out of the audit trail, a channel apart from the bundles (signed there by the first export's checkpoint).
        assertThat(station("export", "--batch", "WO-7", "--target", "csv", "--out", dir.resolve("first").toString()).exit()).isZero();
        stationKey = dir.resolve("station-key.pem");
        Run key = Cli.imprint(List.of("audit", "export", "--db", dir.resolve("station").toString(), "--out", dir.resolve("audit.jsonl").toString(),
                "--key-out", stationKey.toString()));
        assertThat(key.exit()).as(key.err()).isZero();
    }

    Run verify(Path bundle, Path key) {
        return Cli.imprint(List.of("export", "verify", bundle.toString(), "--station-key", key.toString()));
    }

    @Test
    void awsBundleIsWhatBulkRegistrationTakesAndVerifiesUntilTouched() throws Exception {
        Path out = dir.resolve("out/aws");
        Run export = station("export", "--batch", "WO-7", "--target", "aws", "--out", out.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out()).startsWith("export of batch WO-7 for aws: 12 board(s) in " + out + " (0 left out");

        String templateText = Files.readString(out.resolve("provisioning-template.json"));
        assertThat(templateText.length()).isLessThanOrEqualTo(10_240);
        JsonNode template = JsonText.MAPPER.readTree(templateText);
        Set<String> parameters = new HashSet<>();
        template.get("Parameters").fieldNames().forEachRemaining(parameters::add);
        JsonNode thing = template.at("/Resources/thing");
        assertThat(thing.get("Type").asText()).isEqualTo("AWS::IoT::Thing");
        assertThat(thing.at("/Properties/ThingName/Ref").asText()).isEqualTo("ThingName");
        assertThat(thing.at("/Properties/ThingTypeName").asText()).isEqualTo("S1");
        assertThat(thing.at("/Properties/ThingGroups/0").asText()).isEqualTo("sensors");
        assertThat(thing.at("/Properties/AttributePayload/line").asText()).isEqualTo("5");
        assertThat(thing.at("/Properties/AttributePayload/site").asText()).isEqualTo("brno");
        JsonNode cert = template.at("/Resources/certificate");
        assertThat(cert.get("Type").asText()).isEqualTo("AWS::IoT::Certificate");
        assertThat(cert.at("/Properties/Status").asText()).isEqualTo("ACTIVE");
        assertThat(cert.at("/Properties/CACertificatePem/Ref").asText()).isEqualTo("CACertificatePem");
        assertThat(template.at("/Resources/policy/Properties/PolicyName").asText()).isEqualTo("SensorPolicy");
        // Every Ref names a parameter, and every line has exactly the parameters as keys.
        assertThat(refs(template)).isSubsetOf(parameters);

        List<String> lines = Files.readAllLines(out.resolve("devices.ndjson"));
        assertThat(lines).hasSize(BOARDS);
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        Set<String> things = new HashSet<>();
        for (String line : lines) {
            JsonNode device = JsonText.MAPPER.readTree(line);
            Set<String> keys = new HashSet<>();
            device.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).isEqualTo(parameters);
            things.add(device.get("ThingName").asText());
            X509Certificate leaf = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(device.get("CertificatePem").asText().getBytes(StandardCharsets.US_ASCII)));
            X509Certificate ca = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(device.get("CACertificatePem").asText().getBytes(StandardCharsets.US_ASCII)));
            leaf.verify(ca.getPublicKey());
            assertThat(leaf.getSubjectX500Principal().getName()).contains("CN=" + device.get("ThingName").asText());
        }
        assertThat(things).hasSize(BOARDS);
        assertThat(Files.readString(out.resolve("commands.sh"))).contains("aws s3 cp devices.ndjson \"s3://$BUCKET/$KEY\"",
                "aws iot start-thing-registration-task --template-body file://provisioning-template.json");

        // The list is sha256sum's own format; and openssl agrees the first board's certificate chains to the CA given.
        assertThat(new ProcessBuilder("sha256sum", "--strict", "-c", "SHA256SUMS").directory(out.toFile()).inheritIO().start().waitFor()).isZero();
        JsonNode first = JsonText.MAPPER.readTree(lines.getFirst());
        Files.writeString(dir.resolve("leaf.pem"), first.get("CertificatePem").asText());
        Files.writeString(dir.resolve("ca.pem"), first.get("CACertificatePem").asText());
        Process openssl = new ProcessBuilder("openssl", "verify", "-partial_chain", "-CAfile", dir.resolve("ca.pem").toString(),
                dir.resolve("leaf.pem").toString()).redirectErrorStream(true).start();
        assertThat(new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).endsWith(": OK\n");

        Run ok = verify(out, stationKey);
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).isEqualTo("bundle " + out + ": as the station signed it (4 file(s))\n");
        Run trail = Cli.imprint(List.of("audit", "export", "--db", dir.resolve("station").toString(), "--out", dir.resolve("audit2.jsonl").toString()));
        assertThat(trail.exit()).isZero();
        assertThat(Files.readString(dir.resolve("audit2.jsonl")).split("export.written", -1)).hasSizeGreaterThanOrEqualTo(3); // the first export and this one
    }

    @Test
    void azureBodiesHoldAtMostTenEnrollmentsWithEachBoardsCertificate() throws Exception {
        Path out = dir.resolve("azure");
        Run export = station("export", "--batch", "WO-7", "--target", "azure", "--out", out.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        Set<String> ids = new HashSet<>();
        for (String body : List.of("enrollments-0001.json", "enrollments-0002.json")) {
            JsonNode b = JsonText.MAPPER.readTree(out.resolve(body).toFile());
            assertThat(b.get("mode").asText()).isEqualTo("create");
            assertThat(b.get("enrollments").size()).isBetween(1, 10);
            for (JsonNode e : b.get("enrollments")) {
                assertThat(ids.add(e.get("registrationId").asText())).isTrue();
                assertThat(e.at("/attestation/type").asText()).isEqualTo("x509");
                assertThat(e.at("/attestation/x509/clientCertificates/primary/certificate").asText()).startsWith("-----BEGIN CERTIFICATE-----");
                assertThat(e.at("/initialTwin/tags/site").asText()).isEqualTo("brno");
                assertThat(e.at("/initialTwin/tags/batch").asText()).isEqualTo("WO-7");
                assertThat(e.get("provisioningStatus").asText()).isEqualTo("enabled");
            }
        }
        assertThat(ids).hasSize(BOARDS);
        assertThat(out.resolve("enrollments-0003.json")).doesNotExist();
        assertThat(Files.readString(out.resolve("commands.sh"))).contains("/enrollments?api-version=2021-10-01");
        assertThat(verify(out, stationKey).exit()).isZero();
    }

    @Test
    void tamperingOfAnyKindIsFound() throws Exception {
        Path out = dir.resolve("csv");
        assertThat(station("export", "--batch", "WO-7", "--target", "csv", "--out", out.toString()).exit()).isZero();
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(out.resolve("devices.csv"))).getRecords();
        assertThat(rows).hasSize(BOARDS);
        assertThat(verify(out, stationKey).exit()).isZero();

        Path changed = copy(out, "changed");
        byte[] bytes = Files.readAllBytes(changed.resolve("devices.csv"));
        bytes[bytes.length - 10] ^= 1;
        Files.write(changed.resolve("devices.csv"), bytes);
        Run c = verify(changed, stationKey);
        assertThat(c.exit()).isEqualTo(3);
        assertThat(c.err()).contains("devices.csv was changed after the station signed the bundle");

        Path missing = copy(out, "missing");
        Files.delete(missing.resolve("README.txt"));
        assertThat(verify(missing, stationKey).err()).contains("README.txt is missing");

        Path added = copy(out, "added");
        Files.writeString(added.resolve("extra.json"), "{}");
        assertThat(verify(added, stationKey).err()).contains("extra.json is not in the signed list");

        Path relisted = copy(out, "relisted");
        Files.writeString(relisted.resolve("extra.json"), "{}");
        Files.writeString(relisted.resolve("SHA256SUMS"), Files.readString(relisted.resolve("SHA256SUMS"))
                + "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a  extra.json\n");
        assertThat(verify(relisted, stationKey).err()).contains("SHA256SUMS does not match its signature");

        Path otherKey = dir.resolve("other.pem");
        Files.writeString(otherKey, StationKeys.pem(new MemoryChainSigner().publicKey()));
        Run wrongKey = verify(out, otherKey);
        assertThat(wrongKey.exit()).isEqualTo(3);
        assertThat(wrongKey.err()).contains("not by the station key given");
    }

    @Test
    void refusalsLeaveNothingBehind() throws Exception {
        Run unknown = station("export", "--batch", "WO-404", "--target", "aws", "--out", dir.resolve("x/none").toString());
        assertThat(unknown.exit()).isEqualTo(3);
        assertThat(unknown.err()).isEqualTo("refused: no batch WO-404 in the batch log\n");
        assertThat(dir.resolve("x")).doesNotExist();
        assertThat(station("batch", "create", "--id", "WO-8", "--product", "P", "--role", "r", "--quantity", "2").exit()).isZero();
        Run empty = station("export", "--batch", "WO-8", "--target", "csv", "--out", dir.resolve("x/empty").toString());
        assertThat(empty.exit()).isEqualTo(3);
        assertThat(empty.err()).contains("batch WO-8 has no provisioned boards to export yet");
        Files.createDirectories(dir.resolve("x/full"));
        Files.writeString(dir.resolve("x/full/old.txt"), "kept");
        Run notEmpty = station("export", "--batch", "WO-7", "--target", "csv", "--out", dir.resolve("x/full").toString());
        assertThat(notEmpty.exit()).isEqualTo(3);
        assertThat(notEmpty.err()).contains("is not empty");
        try (Stream<Path> left = Files.list(dir.resolve("x"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("full");
        }
        assertThat(Files.readString(dir.resolve("x/full/old.txt"))).isEqualTo("kept");
        Run badTarget = station("export", "--batch", "WO-7", "--target", "gcp", "--out", dir.resolve("x/g").toString());
        assertThat(badTarget.exit()).isEqualTo(2);
        assertThat(badTarget.err()).contains("--target must be one of [aws, azure, nrfcloud, manifest, csv], not 'gcp'");
    }

    @Test
    void nrfCloudCsvIsNordicsOnboardingRows() throws Exception {
        Path out = dir.resolve("out/nrf");
        Run export = station("export", "--batch", "WO-7", "--target", "nrfcloud", "--out", out.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        List<CSVRecord> rows = CSVFormat.RFC4180.parse(Files.newBufferedReader(out.resolve("onboard.csv"))).getRecords();
        assertThat(rows).hasSize(BOARDS);
        for (CSVRecord row : rows) {
            assertThat(row.size()).isEqualTo(5);
            assertThat(row.get(0)).isNotBlank();
            assertThat(row.get(2)).isEqualTo("sensors");
            assertThat(row.get(4)).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        }
        assertThat(verify(out, stationKey).exit()).isZero();
    }

    @Test
    void everyManifestJwsVerifiesAgainstTheStationKeyAndItsChainAgainstTheCa() throws Exception {
        Path out = dir.resolve("out/manifest");
        Run export = station("export", "--batch", "WO-7", "--target", "manifest", "--out", out.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        JsonNode manifest = JsonText.MAPPER.readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.isArray()).isTrue();
        assertThat(manifest.size()).isEqualTo(BOARDS);
        PublicKey key = StationKeys.readPem(stationKey);
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        X509Certificate signerCert = (X509Certificate) x509.generateCertificate(Files.newInputStream(out.resolve("manifest-signer.pem")));
        assertThat(signerCert.getPublicKey()).isEqualTo(key);
        Base64.Decoder b64url = Base64.getUrlDecoder();
        for (JsonNode jws : manifest) {
            assertThat(jws.get("payload").asText()).doesNotContain("=", "+", "/");
            JsonNode header = JsonText.MAPPER.readTree(b64url.decode(jws.get("protected").asText()));
            assertThat(header.get("alg").asText()).isEqualTo("ES256");
            assertThat(header.get("typ").asText()).isEqualTo("JWT");
            assertThat(b64url.decode(header.get("x5t#S256").asText())).isEqualTo(MessageDigest.getInstance("SHA-256").digest(signerCert.getEncoded()));
            assertThat(header.get("kid").asText()).isNotEmpty();
            byte[] signature = b64url.decode(jws.get("signature").asText());
            assertThat(signature).hasSize(64); // raw r||s, not DER
            Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
            es256.initVerify(key);
            es256.update((jws.get("protected").asText() + "." + jws.get("payload").asText()).getBytes(StandardCharsets.US_ASCII));
            assertThat(es256.verify(signature)).isTrue();
            JsonNode entry = JsonText.MAPPER.readTree(b64url.decode(jws.get("payload").asText()));
            assertThat(jws.at("/header/uniqueId").asText()).isEqualTo(entry.get("uniqueId").asText()).isNotEmpty();
            assertThat(entry.get("provisioningTimestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            JsonNode jwk = entry.at("/publicKeySet/keys/0");
            assertThat(jwk.get("kty").asText()).isEqualTo("EC");
            assertThat(jwk.get("crv").asText()).isEqualTo("P-256");
            X509Certificate leaf = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(jwk.at("/x5c/0").asText())));
            ECPublicKey leafKey = (ECPublicKey) leaf.getPublicKey();
            assertThat(new BigInteger(1, b64url.decode(jwk.get("x").asText()))).isEqualTo(leafKey.getW().getAffineX());
            assertThat(new BigInteger(1, b64url.decode(jwk.get("y").asText()))).isEqualTo(leafKey.getW().getAffineY());
            Path leafPem = dir.resolve("m-leaf.pem");
            Path caPem = dir.resolve("m-ca.pem");
            Files.writeString(leafPem, pem(jwk.at("/x5c/0").asText()));
            Files.writeString(caPem, pem(jwk.at("/x5c/1").asText()));
            Process openssl = new ProcessBuilder("openssl", "verify", "-partial_chain", "-CAfile", caPem.toString(), leafPem.toString())
                    .redirectErrorStream(true).start();
            assertThat(new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).endsWith(": OK\n");
        }
        assertThat(verify(out, stationKey).exit()).isZero();
        Path changed = copy(out, "manifest-changed");
        Files.writeString(changed.resolve("manifest-signer.pem"), Files.readString(changed.resolve("manifest-signer.pem")) + "\n");
        assertThat(verify(changed, stationKey).err()).contains("manifest-signer.pem was changed");
    }

    @Test
    void changedSignatureIsFound() throws Exception {
        Path out = dir.resolve("out/sig");
        assertThat(station("export", "--batch", "WO-7", "--target", "nrfcloud", "--out", out.toString()).exit()).isZero();
        Path forged = copy(out, "forged");
        String sig = Files.readString(forged.resolve("SHA256SUMS.sig"));
        int at = sig.indexOf("signature: ") + "signature: ".length() + 20;
        Files.writeString(forged.resolve("SHA256SUMS.sig"), sig.substring(0, at) + (sig.charAt(at) == 'A' ? 'B' : 'A') + sig.substring(at + 1));
        Run v = verify(forged, stationKey);
        assertThat(v.exit()).isEqualTo(3);
        assertThat(v.err()).containsAnyOf("does not match its signature", "holds no valid signature");
    }

    private static String pem(String base64Der) {
        return "-----BEGIN CERTIFICATE-----\n" + base64Der.replaceAll("(.{64})", "$1\n") + "\n-----END CERTIFICATE-----\n";
    }

    @Test
    void revokedBoardsAreLeftOutAndCounted() throws Exception {
        assertThat(station("batch", "create", "--id", "WO-9", "--product", "Sensor S1", "--role", "telemetry", "--quantity", "2").exit()).isZero();
        assertThat(station("batch", "open", "WO-9").exit()).isZero();
        try (BoardFarm farm = new BoardFarm(dir.resolve("boards9"), 2, BoardProfile.keygen(0, Duration.ZERO), FaultMode.NONE)) {
            Run run = station("run", "--batch", "WO-9", "--ports", farm.socketLink(0) + "," + farm.socketLink(1), "--boards", "2");
            assertThat(run.exit()).as(run.err()).isZero();
        }
        String revoked;
        try (StationDatabase db = StationDatabase.open(dir.resolve("station")); Connection tx = db.connection()) {
            revoked = Sql.query(tx, "SELECT device_id, certificate_serial FROM devices WHERE batch_id = 'WO-9' ORDER BY device_id",
                    rs -> rs.getString(1) + " " + rs.getString(2)).getFirst();
            new CertificateRecords().revoke(tx, revoked.split(" ")[1], "keyCompromise", Instant.now());
        }
        Path out = dir.resolve("out/revoked");
        Run export = station("export", "--batch", "WO-9", "--target", "aws", "--out", out.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.out()).contains("1 board(s)", "(1 left out");
        assertThat(Files.readAllLines(out.resolve("devices.ndjson"))).hasSize(1).noneMatch(l -> l.contains(revoked.split(" ")[0]));
        assertThat(Files.readString(out.resolve("README.txt"))).contains("1 provisioned board(s); 1 board(s) of the batch left out");
    }

    @Test
    void claimBatchesAreRefusedForRegistriesThatNeedTheBoardsOwnCertificates() throws Exception {
        Run create = station("batch", "create", "--id", "WO-C", "--product", "P", "--role", "r", "--quantity", "2", "--strategy", "claim");
        assertThat(create.exit()).as(create.err()).isZero();
        for (String target : List.of("aws", "azure")) {
            Run r = station("export", "--batch", "WO-C", "--target", target, "--out", dir.resolve("claim/" + target).toString());
            assertThat(r.exit()).isEqualTo(3);
            assertThat(r.err()).startsWith("refused: batch WO-C provisions by claim").contains(target.equals("aws") ? "fleet provisioning" : "enrollment group");
        }
        assertThat(dir.resolve("claim")).doesNotExist();
    }

    private Path copy(Path from, String name) throws Exception {
        Path to = dir.resolve(name);
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    private static Set<String> refs(JsonNode node) {
        Set<String> refs = new HashSet<>();
        if (node.isObject()) {
            if (node.has("Ref")) {
                refs.add(node.get("Ref").asText());
            }
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                refs.addAll(refs(it.next()));
            }
        } else if (node.isArray()) {
            node.forEach(n -> refs.addAll(refs(n)));
        }
        return refs;
    }
}

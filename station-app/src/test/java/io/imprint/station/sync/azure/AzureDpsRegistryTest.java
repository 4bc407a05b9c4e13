package io.imprint.station.sync.azure;

import io.imprint.station.testing.TestCertificates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.imprint.station.sync.online.DeviceRegistration;
import io.imprint.station.sync.online.RegisteredDevice;
import io.imprint.station.sync.online.RegistryAnswer;
import io.imprint.station.sync.online.RegistryException;
import io.imprint.station.sync.online.Revocation;
import io.imprint.station.util.JsonText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DPS client against the stand-in server: registration, re-sends, conflicts, revocation, paging and failures. */
class AzureDpsRegistryTest {

    static final String HOST = "imprint-test.azure-devices-provisioning.net";
    static final String POLICY = "imprint-sync";
    private static TestCertificates certificates;

    @TempDir
    Path dir;
    private final String key = randomKey();
    private FakeDpsServer server;
    private AzureDpsRegistry registry;

    @BeforeAll
    static void ca() throws Exception {
        certificates = new TestCertificates();
    }

    @BeforeEach
    void start() throws Exception {
        server = new FakeDpsServer(HOST, POLICY, key, Clock.systemUTC());
        registry = registry(key, 10);
    }

    @AfterEach
    void stop() {
        registry.close();
        server.close();
    }

    @Test
    void registersTwentyFiveDevicesInThreeBulkCalls() throws Exception {
        List<DeviceRegistration> devices = devices(25);

        List<RegistryAnswer> answers = registerAll(devices);

        assertThat(answers).hasSize(25).allSatisfy(a -> assertThat(a).isInstanceOfSatisfying(RegistryAnswer.Registered.class,
                r -> assertThat(r.alreadyThere()).isFalse()));
        assertThat(answers).extracting(RegistryAnswer::entryId).containsExactlyElementsOf(devices.stream().map(DeviceRegistration::entryId).toList());
        assertThat(server.count("POST", "/enrollments")).isEqualTo(3);
        assertThat(server.enrollmentCount()).isEqualTo(25);
        JsonNode held = server.enrollment("dev-7");
        assertThat(held.path("provisioningStatus").asText()).isEqualTo("enabled");
        assertThat(held.at("/initialTwin/tags/model").asText()).isEqualTo("nrf9160");
        assertThat(held.at("/initialTwin/tags/imprint/batch").asText()).isEqualTo("B-1");
        assertThat(held.at("/initialTwin/tags/imprint/group").asText()).isEqualTo("line-3");
        assertThat(held.at("/attestation/x509/clientCertificates/primary/info/sha256Thumbprint").asText())
                .isEqualToIgnoringCase(devices.get(7).certificateSha256());
        JsonNode firstBody = JsonText.MAPPER.readTree(server.requests().getFirst().body());
        assertThat(firstBody.get("mode").asText()).isEqualTo("create");
        assertThat(firstBody.get("enrollments")).hasSize(10);
    }

    @Test
    void aResendFindsEveryDeviceAlreadyThere() throws Exception {
        List<DeviceRegistration> devices = devices(25);
        registerAll(devices);

        List<RegistryAnswer> again = registerAll(devices);

        assertThat(again).hasSize(25).allSatisfy(a -> assertThat(a).isInstanceOfSatisfying(RegistryAnswer.Registered.class,
                r -> assertThat(r.alreadyThere()).isTrue()));
        assertThat(server.enrollmentCount()).isEqualTo(25);
        assertThat(server.requests()).filteredOn(r -> r.method().equals("GET")).hasSize(25);
    }

    @Test
    void aDeviceHeldWithAnotherCertificateIsAConflictAndStaysAsItWas() throws Exception {
        TestCertificates.Issued other = certificates.issue("dev-1");
        server.preload("dev-1", other.pem());
        DeviceRegistration mine = certificates.registration(1, "dev-1");

        RegistryAnswer answer = registry.register(List.of(mine)).getFirst();

        assertThat(answer).isInstanceOfSatisfying(RegistryAnswer.Conflict.class, c -> {
            assertThat(c.registryFingerprint()).isEqualTo(other.sha256());
            assertThat(c.detail()).contains("dev-1").contains(other.sha256()).contains(mine.certificateSha256());
        });
        assertThat(server.enrollment("dev-1").at("/attestation/x509/clientCertificates/primary/info/sha256Thumbprint").asText())
                .isEqualToIgnoringCase(other.sha256());
    }

    @Test
    void revokeDisablesTheEnrollmentWithItsEtag() throws Exception {
        DeviceRegistration d = certificates.registration(1, "dev-1");
        registry.register(List.of(d));
        String etag = server.enrollment("dev-1").get("etag").asText();

        RegistryAnswer answer = registry.revoke(new Revocation(9, "B-1", "dev-1", "SN-1", d.certificateSha256(), "key compromise"));

        assertThat(answer).isEqualTo(new RegistryAnswer.Registered(9, "dev-1", false));
        assertThat(server.enrollment("dev-1").get("provisioningStatus").asText()).isEqualTo("disabled");
        assertThat(server.requests()).filteredOn(r -> r.method().equals("PUT")).singleElement()
                .satisfies(r -> assertThat(r.ifMatch()).isEqualTo(etag));
        List<RegisteredDevice> seen = new ArrayList<>();
        registry.forEachRegistered(seen::add);
        assertThat(seen).containsExactly(new RegisteredDevice("dev-1", Optional.of(d.certificateSha256()), false));
        assertThat(registry.revoke(new Revocation(10, "B-1", "dev-1", "SN-1", d.certificateSha256(), "again")))
                .isEqualTo(new RegistryAnswer.Registered(10, "dev-1", true));
    }

    @Test
    void revokeLeavesAnEnrollmentWithAnotherCertificateAndCountsAMissingOneDone() throws Exception {
        registry.register(List.of(certificates.registration(1, "dev-1")));
        String otherSha = certificates.issue("dev-1").sha256();

        assertThat(registry.revoke(new Revocation(2, "B-1", "dev-1", "SN-1", otherSha, "r")))
                .isInstanceOf(RegistryAnswer.Conflict.class);
        assertThat(server.enrollment("dev-1").get("provisioningStatus").asText()).isEqualTo("enabled");
        assertThat(registry.revoke(new Revocation(3, "B-1", "dev-404", "SN-4", otherSha, "r")))
                .isEqualTo(new RegistryAnswer.Registered(3, "dev-404", true));
    }

    @Test
    void theQueryPagesThroughEveryEnrollment() throws Exception {
        List<DeviceRegistration> devices = devices(25);
        registerAll(devices);

        List<RegisteredDevice> seen = new ArrayList<>();
        registry.forEachRegistered(seen::add);

        assertThat(server.count("POST", "/enrollments/query")).isEqualTo(3);
        assertThat(seen).hasSize(25).doesNotHaveDuplicates().allSatisfy(r -> assertThat(r.active()).isTrue());
        assertThat(seen).extracting(r -> r.certificateSha256().orElseThrow())
                .containsExactlyInAnyOrderElementsOf(devices.stream().map(DeviceRegistration::certificateSha256).toList());
    }

    @Test
    void throttlingIsThrottledWithTheServersRetryAfterAndTheRetryRegistersOnce() throws Exception {
        List<DeviceRegistration> devices = devices(3);
        server.failNext(429, "7");

        assertThatThrownBy(() -> registry.register(devices)).isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.kind()).isEqualTo(RegistryException.Kind.THROTTLED);
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        });
        assertThat(registry.register(devices)).allSatisfy(a -> assertThat(a).isInstanceOf(RegistryAnswer.Registered.class));
        assertThat(server.enrollmentCount()).isEqualTo(3);
    }

    @Test
    void serverErrorsAndAnAbsentServerAreUnavailable() throws Exception {
        server.failNext(503, null);
        assertThatThrownBy(() -> registry.register(devices(1))).isInstanceOfSatisfying(RegistryException.class,
                e -> assertThat(e.kind()).isEqualTo(RegistryException.Kind.UNAVAILABLE));
        server.failNext(500, null);
        assertThatThrownBy(() -> registry.forEachRegistered(d -> { })).isInstanceOfSatisfying(RegistryException.class,
                e -> assertThat(e.kind()).isEqualTo(RegistryException.Kind.UNAVAILABLE));

        server.close();
        assertThatThrownBy(() -> registry.register(devices(1))).isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.kind()).isEqualTo(RegistryException.Kind.UNAVAILABLE);
            assertThat(e.getMessage()).contains("127.0.0.1").contains("POST /enrollments");
        });
    }

    @Test
    void aWrongKeyIsUnauthorisedAndNeitherKeyNorSignatureReachesTheMessage() throws Exception {
        String wrongKey = randomKey();
        server.echoAuthorisationOnRefusal();
        try (AzureDpsRegistry wrong = registry(wrongKey, 10)) {
            RegistryException e = (RegistryException) org.assertj.core.api.Assertions.catchThrowable(() -> wrong.register(devices(2)));

            assertThat(e.kind()).isEqualTo(RegistryException.Kind.UNAUTHORISED);
            String sent = server.requests().getLast().authorization();
            String sig = sent.substring(sent.indexOf("&sig=") + 5, sent.indexOf("&se="));
            String everything = e + " " + e.getMessage() + " " + e.getCause();
            assertThat(everything).contains("401").contains("signature does not verify")
                    .doesNotContain(wrongKey).doesNotContain(key).doesNotContain(sig)
                    .doesNotContain(java.net.URLDecoder.decode(sig, java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("sig=");
            assertThat(server.enrollmentCount()).isZero();
            Path log = io.imprint.station.testing.SecretScan.TEST_LOG;
            if (Files.exists(log)) {
                assertThat(Files.readString(log)).doesNotContain(wrongKey).doesNotContain(sig);
            }
        }
    }

    @Test
    void anInvalidRegistrationIdIsRefusedBeforeAnyRequest() throws Exception {
        List<String> bad = List.of("-bad", "bad-", "a".repeat(129), "has space", "semi;colon", "");
        List<DeviceRegistration> batch = new ArrayList<>();
        for (int i = 0; i < bad.size(); i++) {
            DeviceRegistration good = certificates.registration(i, "x" + i);
            batch.add(new DeviceRegistration(i, "B-1", bad.get(i), "SN", good.certificatePem(), good.certificateSha256(), good.caChainPem(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Map.of()));
        }

        List<RegistryAnswer> answers = registry.register(batch);

        assertThat(answers).hasSize(bad.size()).allSatisfy(a -> assertThat(a).isInstanceOfSatisfying(RegistryAnswer.Rejected.class,
                r -> assertThat(r.detail()).contains("registration id")));
        assertThat(server.requests()).isEmpty();
        assertThat(registry.revoke(new Revocation(1, "B-1", "-bad", "SN", null, "r"))).isInstanceOf(RegistryAnswer.Rejected.class);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aBadDeviceInABatchIsLeftOutAndTheOthersAreSent() throws Exception {
        DeviceRegistration good = certificates.registration(1, "dev-1");
        DeviceRegistration other = certificates.registration(2, "dev-2");
        DeviceRegistration wrongFingerprint = new DeviceRegistration(2, "B-1", "dev-2", "SN-2", other.certificatePem(),
                good.certificateSha256(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
        DeviceRegistration third = certificates.registration(3, "dev-3");
        DeviceRegistration badTag = new DeviceRegistration(3, "B-1", "dev-3", "SN-3", third.certificatePem(), third.certificateSha256(),
                List.of(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of("has.dot", "x"));

        List<RegistryAnswer> answers = registry.register(List.of(good, wrongFingerprint, badTag));

        assertThat(answers.get(0)).isEqualTo(new RegistryAnswer.Registered(1, "dev-1", false));
        assertThat(answers.get(1)).isInstanceOfSatisfying(RegistryAnswer.Rejected.class, r -> assertThat(r.detail()).contains("SHA-256"));
        assertThat(answers.get(2)).isInstanceOfSatisfying(RegistryAnswer.Rejected.class, r -> assertThat(r.detail()).contains("has.dot"));
        assertThat(server.requests()).singleElement().satisfies(r -> assertThat(r.body()).contains("dev-1").doesNotContain("dev-2").doesNotContain("dev-3"));
        assertThatThrownBy(() -> registry.register(devices(11))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEnrollmentDpsRefusesIsRejectedWithItsCodeWhileTheOthersRegister() throws Exception {
        List<DeviceRegistration> devices = devices(3);
        server.failEnrollment("dev-1", 400004);

        List<RegistryAnswer> answers = registry.register(devices);

        assertThat(answers.get(0)).isInstanceOf(RegistryAnswer.Registered.class);
        assertThat(answers.get(1)).isInstanceOfSatisfying(RegistryAnswer.Rejected.class,
                r -> assertThat(r.detail()).contains("dev-1").contains("400004").contains("injected failure"));
        assertThat(answers.get(2)).isInstanceOf(RegistryAnswer.Registered.class);
        assertThat(server.enrollmentCount()).isEqualTo(2);
    }

    @Test
    void aBulkCallDpsAppliesAllOrNothingStillEndsWithEveryGoodDeviceRegistered() throws Exception {
        server.allOrNothing();
        List<DeviceRegistration> first = devices(2);
        registry.register(first);
        List<DeviceRegistration> mixed = new ArrayList<>(first);
        mixed.addAll(devices(5).subList(2, 5));
        server.failEnrollment("dev-3", 400004);

        List<RegistryAnswer> answers = registry.register(mixed);

        assertThat(answers.get(0)).isEqualTo(new RegistryAnswer.Registered(100, "dev-0", true));
        assertThat(answers.get(1)).isEqualTo(new RegistryAnswer.Registered(101, "dev-1", true));
        assertThat(answers.get(2)).isEqualTo(new RegistryAnswer.Registered(102, "dev-2", false));
        assertThat(answers.get(3)).isInstanceOf(RegistryAnswer.Rejected.class);
        assertThat(answers.get(4)).isEqualTo(new RegistryAnswer.Registered(104, "dev-4", false));
        assertThat(server.enrollmentCount()).isEqualTo(4);
        assertThat(server.count("POST", "/enrollments")).isEqualTo(3);
    }

    @Test
    void anEnrollmentThrottledOrFailedInsideABulkAnswerFailsTheCallAndTheResendCompletesIt() throws Exception {
        List<DeviceRegistration> devices = devices(3);
        server.failEnrollment("dev-2", 429001);
        assertThatThrownBy(() -> registry.register(devices)).isInstanceOfSatisfying(RegistryException.class,
                e -> assertThat(e.kind()).isEqualTo(RegistryException.Kind.THROTTLED));
        server.failEnrollment("dev-2", 500000);
        assertThatThrownBy(() -> registry.register(devices)).isInstanceOfSatisfying(RegistryException.class,
                e -> assertThat(e.kind()).isEqualTo(RegistryException.Kind.UNAVAILABLE));

        List<RegistryAnswer> answers = registry.register(devices);

        assertThat(answers).extracting(a -> ((RegistryAnswer.Registered) a).alreadyThere()).containsExactly(true, true, false);
        assertThat(server.enrollmentCount()).isEqualTo(3);
    }

    private AzureDpsRegistry registry(String policyKey, int pageSize) throws Exception {
        Path file = Files.writeString(dir.resolve("dps-" + System.nanoTime() + ".txt"),
                "HostName=" + HOST + ";SharedAccessKeyName=" + POLICY + ";SharedAccessKey=" + policyKey + "\n");
        return AzureDpsRegistry.fromEnvironment(Map.of(), Optional.of(file), Optional.of(server.endpoint()), Clock.systemUTC(), pageSize);
    }

    private List<RegistryAnswer> registerAll(List<DeviceRegistration> devices) throws RegistryException {
        List<RegistryAnswer> answers = new ArrayList<>();
        for (int i = 0; i < devices.size(); i += registry.maxBatch()) {
            answers.addAll(registry.register(devices.subList(i, Math.min(devices.size(), i + registry.maxBatch()))));
        }
        return answers;
    }

    private static List<DeviceRegistration> devices(int n) throws Exception {
        List<DeviceRegistration> devices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            devices.add(certificates.registration(100 + i, "dev-" + i));
        }
        return devices;
    }

    static String randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}

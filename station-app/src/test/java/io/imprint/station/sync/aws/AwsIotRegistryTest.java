package io.imprint.station.sync.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.station.sync.online.DeviceRegistration;
import io.imprint.station.sync.online.ParallelRegistry;
import io.imprint.station.sync.online.RegisteredDevice;
import io.imprint.station.sync.online.RegistryAnswer;
import io.imprint.station.sync.online.RegistryException;
import io.imprint.station.sync.online.Revocation;
import io.imprint.station.testing.TestCertificates;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The AWS IoT client through the real SDK against the stand-in: registration, re-sends after crashes, conflicts, revocation, listing, failures. */
class AwsIotRegistryTest {

    static final String KEY_ID = "AKIAIMPRINTTEST00001";
    static final String SECRET = "imprint/test+secret/0123456789abcdefghijKLMN";
    static final String REGION = "eu-west-1";
    private static TestCertificates certificates;

    private FakeAwsIotServer server;
    private AwsIotRegistry registry;

    @BeforeAll
    static void ca() throws Exception {
        certificates = new TestCertificates();
    }

    @BeforeEach
    void start() throws Exception {
        server = new FakeAwsIotServer(KEY_ID, SECRET, REGION, Clock.systemUTC());
        server.policy("imprint-device");
        server.group("line-3");
        registry = registry(server.endpoint(), SECRET);
    }

    @AfterEach
    void stop() {
        registry.close();
        server.close();
    }

    @Test
    void registersEachBoardAsAThingWithItsCertificatePolicyAndGroup() throws Exception {
        List<DeviceRegistration> devices = devices(3);

        List<RegistryAnswer> answers = registry.register(devices);

        assertThat(answers).extracting(RegistryAnswer::entryId).containsExactly(1L, 2L, 3L);
        assertThat(answers).allSatisfy(a -> assertThat(a).isInstanceOfSatisfying(RegistryAnswer.Registered.class, r -> assertThat(r.alreadyThere()).isFalse()));
        DeviceRegistration second = devices.get(1);
        FakeAwsIotServer.Certificate cert = server.certificateBySha256(second.certificateSha256()).orElseThrow();
        assertThat(cert.status()).isEqualTo("ACTIVE");
        assertThat(cert.exclusiveThing()).isEqualTo("dev-2");
        FakeAwsIotServer.Thing thing = server.thing("dev-2").orElseThrow();
        assertThat(thing.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("model", "nrf9160", "site", "lyon"));
        assertThat(thing.principals()).containsExactly(cert.arn());
        assertThat(server.policyTargets("imprint-device")).hasSize(3).contains(cert.arn());
        assertThat(server.groupMembers("line-3")).containsExactlyInAnyOrder("dev-1", "dev-2", "dev-3");
        assertThat(server.badSignatures()).isZero();
    }

    @Test
    void aResendFindsEverythingThereAndCreatesNothingTwice() throws Exception {
        List<DeviceRegistration> devices = devices(3);
        registry.register(devices);

        List<RegistryAnswer> again = registry.register(devices);

        assertThat(again).allSatisfy(a -> assertThat(a).isInstanceOfSatisfying(RegistryAnswer.Registered.class, r -> assertThat(r.alreadyThere()).isTrue()));
        assertThat(server.thingCreations()).containsOnlyKeys("dev-1", "dev-2", "dev-3").allSatisfy((k, v) -> assertThat(v).isOne());
        assertThat(server.certificateRegistrations()).hasSize(3).allSatisfy((k, v) -> assertThat(v).isOne());
        assertThat(server.count("POST", "/certificate/register-no-ca")).isEqualTo(3);
    }

    @Test
    void aResendAfterACrashBetweenCallsFinishesTheBoard() throws Exception {
        DeviceRegistration d = devices(1).getFirst();
        server.preloadCertificate(d.certificatePem()); // the crash came right after RegisterCertificateWithoutCA

        RegistryAnswer answer = registry.register(List.of(d)).getFirst();

        assertThat(answer).isInstanceOf(RegistryAnswer.Registered.class);
        String arn = server.certificateBySha256(d.certificateSha256()).orElseThrow().arn();
        assertThat(server.thing("dev-1").orElseThrow().principals()).containsExactly(arn);
        assertThat(server.policyTargets("imprint-device")).containsExactly(arn);
        assertThat(server.certificateRegistrations()).isEmpty();
    }

    @Test
    void aThingHoldingAnotherCertificateIsAConflictAndNothingIsRegistered() throws Exception {
        TestCertificates.Issued other = certificates.issue("dev-1");
        server.preload("dev-1", other.pem());
        DeviceRegistration mine = devices(1).getFirst();

        RegistryAnswer answer = registry.register(List.of(mine)).getFirst();

        assertThat(answer).isInstanceOfSatisfying(RegistryAnswer.Conflict.class, c -> {
            assertThat(c.registryFingerprint()).isEqualTo(other.sha256());
            assertThat(c.detail()).contains("dev-1").contains(other.sha256()).contains(mine.certificateSha256());
        });
        assertThat(server.certificateBySha256(mine.certificateSha256())).isEmpty();
        assertThat(server.thing("dev-1").orElseThrow().principals()).hasSize(1);
    }

    @Test
    void revokeSetsTheCertificateRevokedOnceAndAnUnknownOneCountsAsDone() throws Exception {
        DeviceRegistration d = devices(1).getFirst();
        registry.register(List.of(d));

        RegistryAnswer first = registry.revoke(new Revocation(9, "B-1", "dev-1", "SN-1", d.certificateSha256(), "key compromise"));
        RegistryAnswer second = registry.revoke(new Revocation(10, "B-1", "dev-1", "SN-1", d.certificateSha256(), "key compromise"));
        RegistryAnswer unknown = registry.revoke(new Revocation(11, "B-1", "dev-9", "SN-9", "ab".repeat(32), "superseded"));

        assertThat(server.certificateBySha256(d.certificateSha256()).orElseThrow().status()).isEqualTo("REVOKED");
        assertThat(first).isInstanceOfSatisfying(RegistryAnswer.Registered.class, r -> assertThat(r.alreadyThere()).isFalse());
        assertThat(second).isInstanceOfSatisfying(RegistryAnswer.Registered.class, r -> assertThat(r.alreadyThere()).isTrue());
        assertThat(unknown).isInstanceOfSatisfying(RegistryAnswer.Registered.class, r -> assertThat(r.alreadyThere()).isTrue());
        assertThat(server.requests()).filteredOn(r -> r.method().equals("PUT") && r.path().startsWith("/certificates/")).hasSize(1)
                .allSatisfy(r -> assertThat(r.query()).isEqualTo("newStatus=REVOKED"));
    }

    @Test
    void listingPagesThroughEveryThingWithItsCertificatesAndStatus() throws Exception {
        server.pageSize(2);
        List<DeviceRegistration> devices = devices(5);
        registry.register(devices);
        registry.revoke(new Revocation(9, "B-1", "dev-3", "SN-3", devices.get(2).certificateSha256(), "key compromise"));
        server.detachAll("dev-5");

        List<RegisteredDevice> held = new ArrayList<>();
        registry.forEachRegistered(held::add);

        assertThat(held).extracting(RegisteredDevice::deviceId).containsExactly("dev-1", "dev-2", "dev-3", "dev-4", "dev-5");
        assertThat(held.get(0).certificateSha256()).contains(devices.get(0).certificateSha256());
        assertThat(held.get(0).active()).isTrue();
        assertThat(held.get(2).active()).isFalse();
        assertThat(held.get(4).certificateSha256()).isEmpty();
        assertThat(server.count("GET", "/things")).isEqualTo(3);
    }

    @Test
    void throttlingIsThrottledWithRetryAfterAndTheRetryRegistersOnce() throws Exception {
        DeviceRegistration d = devices(1).getFirst();
        server.failNext(429, "ThrottlingException", "3");

        assertThatThrownBy(() -> registry.register(List.of(d))).isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.kind()).isEqualTo(RegistryException.Kind.THROTTLED);
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
        });
        assertThat(server.requests()).hasSize(1); // the SDK's own retries are off: the sync paces

        assertThat(registry.register(List.of(d)).getFirst()).isInstanceOf(RegistryAnswer.Registered.class);
        assertThat(server.thingCreations()).containsEntry("dev-1", 1);
    }

    @Test
    void serverErrorsAndAnAbsentServerAreUnavailable() throws Exception {
        DeviceRegistration d = devices(1).getFirst();
        server.failNext(503, "ServiceUnavailableException", null);
        assertThatThrownBy(() -> registry.register(List.of(d))).isInstanceOfSatisfying(RegistryException.class,
                e -> assertThat(e.kind()).isEqualTo(RegistryException.Kind.UNAVAILABLE));
        server.failNext(500, "InternalFailureException", null);
        assertThatThrownBy(() -> registry.register(List.of(d))).isInstanceOfSatisfying(RegistryException.class,
                e -> assertThat(e.kind()).isEqualTo(RegistryException.Kind.UNAVAILABLE));

        URI gone = server.endpoint();
        server.close();
        try (AwsIotRegistry absent = registry(gone, SECRET)) {
            assertThatThrownBy(() -> absent.register(List.of(d))).isInstanceOfSatisfying(RegistryException.class, e -> {
                assertThat(e.kind()).isEqualTo(RegistryException.Kind.UNAVAILABLE);
                assertThat(e.getMessage()).contains("could not be reached");
            });
        }
    }

    @Test
    void aWrongSecretIsUnauthorisedAndNeitherSecretNorSignatureReachesTheMessage() throws Exception {
        String wrong = "wrong/secret+0123456789abcdefghijKLMNOPQR";
        try (AwsIotRegistry refused = registry(server.endpoint(), wrong)) {
            assertThatThrownBy(() -> refused.register(devices(1))).isInstanceOfSatisfying(RegistryException.class, e -> {
                assertThat(e.kind()).isEqualTo(RegistryException.Kind.UNAUTHORISED);
                assertThat(e.getMessage()).contains("HTTP 403").contains("credentials").doesNotContain(wrong).doesNotContain(SECRET)
                        .doesNotContainPattern("[0-9a-f]{64}");
                assertThat(e.getCause()).isNull();
            });
        }
        assertThat(server.badSignatures()).isEqualTo(1);
        assertThat(server.thingCount()).isZero();
    }

    @Test
    void aMissingGroupPolicyOrThingTypeIsRejectedNamingIt() throws Exception {
        DeviceRegistration noGroup = registration(1, "dev-1", Optional.of("line-9"), Optional.of("imprint-device"), Optional.empty());
        DeviceRegistration noPolicy = registration(2, "dev-2", Optional.empty(), Optional.of("nobody"), Optional.empty());
        DeviceRegistration noType = registration(3, "dev-3", Optional.empty(), Optional.empty(), Optional.of("sensor"));

        List<RegistryAnswer> answers = registry.register(List.of(noGroup, noPolicy, noType));

        assertThat(answers.get(0)).isInstanceOfSatisfying(RegistryAnswer.Rejected.class, r -> assertThat(r.detail()).contains("thing group line-9")
                .contains("ResourceNotFoundException").contains("create it in AWS IoT"));
        assertThat(answers.get(1)).isInstanceOfSatisfying(RegistryAnswer.Rejected.class, r -> assertThat(r.detail()).contains("policy nobody"));
        assertThat(answers.get(2)).isInstanceOfSatisfying(RegistryAnswer.Rejected.class, r -> assertThat(r.detail()).contains("of type sensor"));
    }

    @Test
    void aThingNameOrAttributesAwsWouldRefuseAreRejectedBeforeAnyRequest() throws Exception {
        TestCertificates.Issued c = certificates.issue("dev 1");
        DeviceRegistration badName = new DeviceRegistration(1, "B-1", "dev 1", "SN-1", c.pem(), c.sha256(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of());
        DeviceRegistration tooMany = new DeviceRegistration(2, "B-1", "dev-2", "SN-2", c.pem(), c.sha256(), List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Map.of("a", "1", "b", "2", "c", "3", "d", "4"));

        List<RegistryAnswer> answers = registry.register(List.of(badName, tooMany));

        assertThat(answers.get(0)).isInstanceOfSatisfying(RegistryAnswer.Rejected.class, r -> assertThat(r.detail()).contains("cannot be an AWS thing name"));
        assertThat(answers.get(1)).isInstanceOfSatisfying(RegistryAnswer.Rejected.class, r -> assertThat(r.detail()).contains("3 attributes"));
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void tenBoardsInFlightThroughOneClientEachRegisterOnce() throws Exception {
        List<DeviceRegistration> devices = devices(30);
        try (ParallelRegistry parallel = new ParallelRegistry(registry(server.endpoint(), SECRET), 10)) {
            List<RegistryAnswer> answers = new ArrayList<>();
            for (int i = 0; i < devices.size(); i += parallel.maxBatch()) {
                answers.addAll(parallel.register(devices.subList(i, Math.min(devices.size(), i + parallel.maxBatch()))));
            }
            assertThat(answers).hasSize(30).allSatisfy(a -> assertThat(a).isInstanceOf(RegistryAnswer.Registered.class));
        }
        assertThat(server.thingCreations()).hasSize(30).allSatisfy((k, v) -> assertThat(v).isOne());
        assertThat(server.badSignatures()).isZero();
    }

    static AwsIotRegistry registry(URI endpoint, String secret) throws RegistryException {
        return AwsIotClients.open(Optional.of(endpoint), Optional.of(REGION), StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, secret)));
    }

    private static List<DeviceRegistration> devices(int n) throws Exception {
        List<DeviceRegistration> devices = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            devices.add(registration(i, "dev-" + i, Optional.of("line-3"), Optional.of("imprint-device"), Optional.empty()));
        }
        return devices;
    }

    private static DeviceRegistration registration(long entryId, String deviceId, Optional<String> group, Optional<String> policy,
                                                   Optional<String> type) throws Exception {
        TestCertificates.Issued c = certificates.issue(deviceId);
        return new DeviceRegistration(entryId, "B-1", deviceId, "SN-" + entryId, c.pem(), c.sha256(), List.of(), group, policy, type,
                Map.of("model", "nrf9160", "site", "lyon"));
    }
}

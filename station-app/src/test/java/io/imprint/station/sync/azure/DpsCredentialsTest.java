package io.imprint.station.sync.azure;

import io.imprint.station.testing.TestCertificates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imprint.station.sync.online.RegistryAnswer;
import io.imprint.station.sync.online.RegistryException;
import io.imprint.station.testing.FakeClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the connection string comes from, what its errors say (never the key), and the SAS token's lifetime. */
class DpsCredentialsTest {

    private static final String HOST = AzureDpsRegistryTest.HOST;
    private static final String POLICY = AzureDpsRegistryTest.POLICY;
    private final String key = AzureDpsRegistryTest.randomKey();
    private final String text = "HostName=" + HOST + ";SharedAccessKeyName=" + POLICY + ";SharedAccessKey=" + key;

    @TempDir
    Path dir;

    @Test
    void parsesThePortalsTextAndNeverPrintsTheKey() {
        DpsConnectionString c = DpsConnectionString.parse("  " + text.replace("HostName=imprint", "HostName=Imprint") + ";\n");

        assertThat(c.hostName()).isEqualTo(HOST);
        assertThat(c.policyName()).isEqualTo(POLICY);
        assertThat(c.toString()).contains(HOST).contains(POLICY).doesNotContain(key);
    }

    @Test
    void aMalformedConnectionStringSaysWhichPartAndQuotesNothing() {
        assertThatThrownBy(() -> DpsConnectionString.parse("HostName=" + HOST + ";SharedAccessKey=" + key))
                .hasMessageContaining("no SharedAccessKeyName").hasMessageNotContaining(key);
        String badKey = key.substring(0, 20) + "!!" + key.substring(22);
        assertThatThrownBy(() -> DpsConnectionString.parse(text.replace(key, badKey)))
                .hasMessageContaining("SharedAccessKey is not Base64").hasMessageNotContaining(badKey).hasMessageNotContaining(key.substring(0, 20));
        assertThatThrownBy(() -> DpsConnectionString.parse(text.replace(HOST, "not a host")))
                .hasMessageContaining("HostName");
        assertThatThrownBy(() -> DpsConnectionString.parse(text + ";HostName=" + HOST)).hasMessageContaining("twice");
    }

    @Test
    void theConnectionStringComesFromTheFileElseTheEnvironment() throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("dps.txt"), text.replace(POLICY, "from-file"));
        Map<String, String> env = Map.of(AzureDpsRegistry.CONNECTION_STRING_ENV, text);

        assertThat(DpsConnectionString.load(env, Optional.of(file)).policyName()).isEqualTo("from-file");
        assertThat(DpsConnectionString.load(env, Optional.empty()).policyName()).isEqualTo(POLICY);
        try (AzureDpsRegistry registry = AzureDpsRegistry.fromEnvironment(env, Optional.empty(), Optional.empty(), FakeClock.ticking(), 10)) {
            assertThat(registry.toString()).isEqualTo("Azure DPS at https://" + HOST + "/");
        }
    }

    @Test
    void noUsableConnectionStringIsUnauthorisedAndSaysWhereItLooked() {
        assertThatThrownBy(() -> DpsConnectionString.load(Map.of(), Optional.empty())).isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.kind()).isEqualTo(RegistryException.Kind.UNAUTHORISED);
            assertThat(e.getMessage()).contains(AzureDpsRegistry.CONNECTION_STRING_ENV);
        });
        Path missing = dir.resolve("absent.txt");
        assertThatThrownBy(() -> DpsConnectionString.load(Map.of(AzureDpsRegistry.CONNECTION_STRING_ENV, text), Optional.of(missing)))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.getMessage()).contains(missing.toString()));
        assertThatThrownBy(() -> DpsConnectionString.load(Map.of(AzureDpsRegistry.CONNECTION_STRING_ENV, text.replace(key, "short")), Optional.empty()))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.getMessage())
                        .contains("SharedAccessKey").contains(AzureDpsRegistry.CONNECTION_STRING_ENV).doesNotContain("short;"));
    }

    @Test
    void aTokenIsKeptUntilFiveMinutesBeforeItExpiresThenRenewed() {
        FakeClock clock = new FakeClock(Instant.parse("2026-03-01T10:00:00Z"), Duration.ZERO);
        SasTokens tokens = new SasTokens(DpsConnectionString.parse(text), clock);
        String first = tokens.current();
        assertThat(first).startsWith("SharedAccessSignature sr=" + HOST + "&sig=").endsWith("&se=" + (Instant.parse("2026-03-01T11:00:00Z").getEpochSecond()) + "&skn=" + POLICY);

        clock.advance(Duration.ofMinutes(54));
        assertThat(tokens.current()).isEqualTo(first);
        clock.advance(Duration.ofMinutes(2));
        assertThat(tokens.current()).isNotEqualTo(first);
        assertThat(tokens.expiry()).isEqualTo(Instant.parse("2026-03-01T11:56:00Z"));
        assertThat(tokens.redact("x " + tokens.current() + " y " + key)).isEqualTo("x <token> y <key>");
    }

    @Test
    void theServerTakesRenewedTokensAndRefusesExpiredOnes() throws Exception {
        FakeClock clock = new FakeClock(Instant.now(), Duration.ZERO);
        TestCertificates certificates = new TestCertificates();
        try (FakeDpsServer server = new FakeDpsServer(HOST, POLICY, key, clock);
             AzureDpsRegistry registry = new AzureDpsRegistry(DpsConnectionString.parse(text), server.endpoint(), clock, 10)) {
            assertThat(registry.register(List.of(certificates.registration(1, "dev-1"))).getFirst()).isInstanceOf(RegistryAnswer.Registered.class);
            clock.advance(Duration.ofHours(3));
            assertThat(registry.register(List.of(certificates.registration(2, "dev-2"))).getFirst()).isInstanceOf(RegistryAnswer.Registered.class);

            FakeClock behind = new FakeClock(clock.instant().minus(Duration.ofHours(2)), Duration.ZERO);
            try (AzureDpsRegistry late = new AzureDpsRegistry(DpsConnectionString.parse(text), server.endpoint(), behind, 10)) {
                assertThatThrownBy(() -> late.register(List.of(certificates.registration(3, "dev-3")))).isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RegistryException.Kind.UNAUTHORISED);
                    assertThat(e.getMessage()).contains("token expired");
                });
            }
            assertThat(server.enrollmentCount()).isEqualTo(2);
        }
    }

    @Test
    void anEndpointOverrideStillSignsTheHostName() throws Exception {
        try (FakeDpsServer server = new FakeDpsServer(HOST, POLICY, key, java.time.Clock.systemUTC());
             AzureDpsRegistry registry = AzureDpsRegistry.fromEnvironment(Map.of(AzureDpsRegistry.CONNECTION_STRING_ENV, text), Optional.empty(),
                     Optional.of(URI.create(server.endpoint().toString())), java.time.Clock.systemUTC(), 10)) {
            registry.forEachRegistered(d -> { });
            assertThat(server.requests()).singleElement().satisfies(r -> assertThat(r.authorization()).contains("sr=" + HOST + "&"));
        }
    }
}

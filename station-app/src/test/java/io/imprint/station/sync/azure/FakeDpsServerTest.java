package io.imprint.station.sync.azure;

import io.imprint.station.testing.TestCertificates;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imprint.station.util.JsonText;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stand-in refuses what DPS would: so the client's tests passing means its requests have DPS's shapes. */
class FakeDpsServerTest {

    private final String key = AzureDpsRegistryTest.randomKey();
    private final SasTokens tokens = new SasTokens(DpsConnectionString.parse("HostName=" + AzureDpsRegistryTest.HOST
            + ";SharedAccessKeyName=" + AzureDpsRegistryTest.POLICY + ";SharedAccessKey=" + key), Clock.systemUTC());
    private final HttpClient client = HttpClient.newHttpClient();
    private FakeDpsServer server;
    private TestCertificates certificates;

    @BeforeEach
    void start() throws Exception {
        server = new FakeDpsServer(AzureDpsRegistryTest.HOST, AzureDpsRegistryTest.POLICY, key, Clock.systemUTC());
        certificates = new TestCertificates();
    }

    @AfterEach
    void stop() {
        server.close();
        client.close();
    }

    @Test
    void aWellFormedBulkCreateIsTaken() throws Exception {
        assertThat(post(bulk(3), "2021-10-01", tokens.current())).isEqualTo(200);
        assertThat(server.enrollmentCount()).isEqualTo(3);
    }

    @Test
    void refusesWhatDpsRefuses() throws Exception {
        assertThat(post(bulk(11), "2021-10-01", tokens.current())).isEqualTo(400);
        assertThat(post(bulk(1), "2019-03-31", tokens.current())).isEqualTo(400);
        assertThat(post(bulk(1), "2021-10-01", null)).isEqualTo(401);
        assertThat(post(bulk(1), "2021-10-01", tokens.current().replace("&sig=", "&sig=A"))).isEqualTo(401);
        assertThat(post(bulk(1), "2021-10-01", tokens.current().replace("skn=" + AzureDpsRegistryTest.POLICY, "skn=other"))).isEqualTo(401);

        ObjectNode symmetric = bulk(1);
        ((ObjectNode) symmetric.get("enrollments").get(0)).putObject("attestation").put("type", "symmetricKey");
        assertThat(post(symmetric, "2021-10-01", tokens.current())).isEqualTo(400);
        ObjectNode badId = bulk(1);
        ((ObjectNode) badId.get("enrollments").get(0)).put("registrationId", "-dev-0");
        assertThat(post(badId, "2021-10-01", tokens.current())).isEqualTo(400);
        ObjectNode notTheCn = bulk(1);
        ((ObjectNode) notTheCn.get("enrollments").get(0)).put("registrationId", "someone-else");
        assertThat(post(notTheCn, "2021-10-01", tokens.current())).isEqualTo(400);
        ObjectNode unknownField = bulk(1);
        ((ObjectNode) unknownField.get("enrollments").get(0)).put("thingName", "x");
        assertThat(post(unknownField, "2021-10-01", tokens.current())).isEqualTo(400);
        assertThat(post(bulk(1).put("mode", "merge"), "2021-10-01", tokens.current())).isEqualTo(400);
        assertThat(server.enrollmentCount()).isZero();
    }

    private ObjectNode bulk(int n) throws Exception {
        ObjectNode op = JsonText.MAPPER.createObjectNode().put("mode", "create");
        ArrayNode enrollments = op.putArray("enrollments");
        for (int i = 0; i < n; i++) {
            enrollments.add(JsonText.MAPPER.valueToTree(Enrollments.of(certificates.registration(i, "dev-" + i))));
        }
        return op;
    }

    private int post(ObjectNode body, String apiVersion, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.endpoint().resolve("/enrollments?api-version=" + apiVersion))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonText.MAPPER.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}

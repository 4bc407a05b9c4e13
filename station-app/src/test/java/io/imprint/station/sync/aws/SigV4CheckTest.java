package io.imprint.station.sync.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stand-in's own SigV4 check, proved on the example AWS publishes (IAM ListUsers, 2015-08-30), so the AWS tests do not rest on the SDK checking itself. */
class SigV4CheckTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String PUBLISHED = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
    private static final Instant SIGNED_AT = Instant.parse("2015-08-30T12:36:00Z");

    private final SigV4Check check = new SigV4Check("AKIDEXAMPLE", SECRET, "us-east-1", "iam");

    @Test
    void awsPublishedExampleVerifies() {
        assertThat(check.problem(example(PUBLISHED, "ListUsers"), SIGNED_AT.plusSeconds(30))).isEmpty();
    }

    @Test
    void aChangedQueryAnotherSecretOrAnOldSignatureIsRefused() {
        assertThat(check.problem(example(PUBLISHED, "ListGroups"), SIGNED_AT)).contains("signature does not match");
        assertThat(new SigV4Check("AKIDEXAMPLE", "another", "us-east-1", "iam").problem(example(PUBLISHED, "ListUsers"), SIGNED_AT))
                .contains("signature does not match");
        assertThat(new SigV4Check("AKIDEXAMPLE", SECRET, "eu-west-1", "iam").problem(example(PUBLISHED, "ListUsers"), SIGNED_AT))
                .hasValueSatisfying(p -> assertThat(p).contains("scope"));
        assertThat(check.problem(example(PUBLISHED, "ListUsers"), SIGNED_AT.plusSeconds(3600)))
                .hasValueSatisfying(p -> assertThat(p).contains("minutes from now"));
    }

    @Test
    void pathSegmentsAreEncodedOnceMore() {
        assertThat(SigV4Check.encode("dev%3A1")).isEqualTo("dev%253A1");
        assertThat(SigV4Check.encode("a b~c")).isEqualTo("a%20b~c");
    }

    private static SigV4Check.Request example(String signature, String action) {
        Map<String, List<String>> headers = Map.of(
                "content-type", List.of("application/x-www-form-urlencoded; charset=utf-8"),
                "host", List.of("iam.amazonaws.com"),
                "x-amz-date", List.of("20150830T123600Z"),
                "authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
                        + "SignedHeaders=content-type;host;x-amz-date, Signature=" + signature));
        return new SigV4Check.Request("GET", "/", "Action=" + action + "&Version=2010-05-08", name -> headers.getOrDefault(name, List.of()), new byte[0]);
    }
}

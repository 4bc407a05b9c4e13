package io.imprint.station.sync.aws;

import io.imprint.station.sync.online.RegistryException;
import io.imprint.station.sync.online.RegistryException.Kind;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * Builds the SDK client the way the sync needs it: the JDK's HTTP client (no Netty, no Apache), the SDK's
 * own retries off because the sync paces and backs off itself (retries inside the SDK would hide
 * throttling from the token bucket and double the calls behind its back), bounded timeouts so a dead
 * network shows as UNAVAILABLE rather than a hung thread.
 *
 * <p>Stateless and thread-safe.
 */
final class AwsIotClients {

    private static final Duration CONNECT = Duration.ofSeconds(10);
    private static final Duration SOCKET = Duration.ofSeconds(30);
    private static final Duration CALL = Duration.ofSeconds(60);

    private AwsIotClients() {
    }

    static AwsIotRegistry open(Optional<URI> endpoint, Optional<String> region, AwsCredentialsProvider credentials) throws RegistryException {
        Region resolved = region.filter(r -> !r.isBlank()).map(Region::of).orElse(null);
        if (resolved == null) {
            try {
                resolved = new DefaultAwsRegionProviderChain().getRegion();
            } catch (SdkClientException none) {
                throw new RegistryException(Kind.UNAUTHORISED, "no AWS region: set AWS_REGION, a region in ~/.aws/config, "
                        + "or sync.aws.region (imprint sync configure --target aws --region …)", null, null);
            }
        }
        try {
            credentials.resolveCredentials();
        } catch (SdkClientException none) {
            throw new RegistryException(Kind.UNAUTHORISED, "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
                    + "AWS_PROFILE with ~/.aws/credentials, or run where an instance role applies", null, null);
        }
        Region chosen = resolved;
        IotClient client = IotClient.builder()
                .region(chosen)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(CONNECT).socketTimeout(SOCKET).build())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(CALL))
                .applyMutation(b -> endpoint.ifPresent(b::endpointOverride))
                .build();
        return new AwsIotRegistry(client, "AWS IoT in " + chosen.id() + endpoint.map(e -> " at " + e).orElse(""));
    }
}

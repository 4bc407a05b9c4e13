package io.imprint.station.sync.aws;

import io.imprint.station.sync.online.RegistryException;
import io.imprint.station.sync.online.RegistryException.Kind;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iot.model.InternalFailureException;
import software.amazon.awssdk.services.iot.model.IotException;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iot.model.ServiceUnavailableException;
import software.amazon.awssdk.services.iot.model.ThrottlingException;
import software.amazon.awssdk.services.iot.model.UnauthorizedException;

/**
 * Turns what the AWS SDK threw into what the sync does next: throttling, 5xx and no network are retried
 * ({@link RegistryException}), refused credentials stop the target, anything else refuses this one board
 * ({@link Refused}). Messages carry AWS's error code and text with anything that looks like a signature or
 * credential scope cut out, and never the SDK exception as a cause, whose text is not ours to vouch for.
 *
 * <p>Stateless and thread-safe.
 */
final class AwsErrors {

    private static final Pattern SIGNING = Pattern.compile("(?i)(Signature|Credential|X-Amz-Security-Token|SignedHeaders)=[^,\\s&]*");
    private static final Pattern AUTHORIZATION = Pattern.compile("AWS4-HMAC-SHA256[^\"'\\n]*");
    private static final int LONGEST = 300;

    /** AWS refused this one board's call for good; the board's entry becomes Rejected with this detail. */
    static final class Refused extends Exception {
        Refused(String detail) {
            super(detail, null, false, false);
        }
    }

    private AwsErrors() {
    }

    /**
     * The refusal to record for {@code e}, or, when another try or a person's fix is what is needed, the
     * {@link RegistryException} thrown instead.
     */
    static Refused refusal(String what, SdkException e) throws RegistryException {
        if (!(e instanceof IotException aws)) {
            throw new RegistryException(Kind.UNAVAILABLE, "AWS IoT could not be reached while " + what + " (" + clean(e.getMessage()) + ")", null, null);
        }
        int status = aws.statusCode();
        String code = aws.awsErrorDetails() == null || aws.awsErrorDetails().errorCode() == null ? "" : aws.awsErrorDetails().errorCode();
        String message = aws.awsErrorDetails() == null ? "" : clean(aws.awsErrorDetails().errorMessage());
        String detail = "AWS IoT refused " + what + ": " + (code.isBlank() ? "" : code + " ") + message + " (HTTP " + status + ")";
        if (aws instanceof ThrottlingException || status == 429 || code.equals("TooManyRequestsException")) {
            throw new RegistryException(Kind.THROTTLED, detail, retryAfter(aws).orElse(null), null);
        }
        if (aws instanceof UnauthorizedException || status == 401 || status == 403) {
            throw new RegistryException(Kind.UNAUTHORISED, detail + "; check the station's AWS credentials and that their IAM policy allows the "
                    + "actions in docs/SYNC-AWS.md", null, null);
        }
        if (aws instanceof ServiceUnavailableException || aws instanceof InternalFailureException || status >= 500) {
            throw new RegistryException(Kind.UNAVAILABLE, detail, retryAfter(aws).orElse(null), null);
        }
        if (aws instanceof ResourceNotFoundException) {
            return new Refused(detail + "; create it in AWS IoT or change the batch");
        }
        return new Refused(detail);
    }

    private static Optional<Duration> retryAfter(IotException e) {
        if (e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null) {
            return Optional.empty();
        }
        return e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
            } catch (NumberFormatException notSeconds) {
                return Optional.empty();
            }
        });
    }

    /** A registry's text as safe to show and log: no signing material, one line, not too long. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        String safe = SIGNING.matcher(AUTHORIZATION.matcher(text).replaceAll("AWS4-HMAC-SHA256 …")).replaceAll("$1=…")
                .replaceAll("\\s+", " ").strip();
        return safe.length() > LONGEST ? safe.substring(0, LONGEST) + "…" : safe;
    }
}

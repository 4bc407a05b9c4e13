package io.imprint.station.sync.aws;

import io.imprint.station.sync.aws.AwsErrors.Refused;
import io.imprint.station.sync.online.DeviceRegistration;
import io.imprint.station.sync.online.RegistryCertificates;
import io.imprint.station.sync.online.RegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CertificateDescription;
import software.amazon.awssdk.services.iot.model.CertificateStatus;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;

/**
 * The certificates side of the AWS IoT client: what a thing has attached, finding a certificate by its
 * SHA-256, registering one without a CA.
 *
 * <p>Thread-safe (the SDK client is; nothing else is kept).
 */
final class AwsCertificates {

    /** A certificate as AWS holds it, with the SHA-256 of its DER computed here. */
    record Held(String arn, String certificateId, String sha256, CertificateStatus status) {
    }

    private static final String CERTIFICATE_ARN = ":cert/";

    private final IotClient iot;

    AwsCertificates(IotClient iot) {
        this.iot = iot;
    }

    /** The certificates attached to a thing (other principals, such as Cognito identities, are not the station's). */
    List<Held> attachedTo(String thingName) throws RegistryException, Refused {
        List<Held> held = new ArrayList<>();
        String next = null;
        do {
            String token = next;
            var page = call("reading the principals of thing " + thingName, () -> iot.listThingPrincipals(r -> r.thingName(thingName).maxResults(100).nextToken(token)));
            for (String principal : page.principals()) {
                int at = principal.indexOf(CERTIFICATE_ARN);
                if (at >= 0) {
                    describe(principal.substring(at + CERTIFICATE_ARN.length())).ifPresent(held::add);
                }
            }
            next = page.nextToken();
        } while (next != null && !next.isEmpty());
        return held;
    }

    /**
     * The certificate with this SHA-256: by id first (AWS's certificate id is the SHA-256 of the DER), then,
     * should AWS ever name certificates otherwise, among those attached to the device's thing.
     */
    Optional<Held> find(String thingName, String sha256) throws RegistryException, Refused {
        String wanted = sha256.toLowerCase(Locale.ROOT);
        Optional<Held> byId = describe(wanted).filter(h -> h.sha256().equals(wanted));
        if (byId.isPresent()) {
            return byId;
        }
        try {
            return attachedTo(thingName).stream().filter(h -> h.sha256().equals(wanted)).findFirst();
        } catch (Refused thingGone) {
            return Optional.empty();
        }
    }

    /** Registers the board's certificate ACTIVE, or finds it already there; its ARN either way. */
    String register(DeviceRegistration d) throws RegistryException, Refused {
        try {
            return iot.registerCertificateWithoutCA(r -> r.certificatePem(d.certificatePem()).status(CertificateStatus.ACTIVE)).certificateArn();
        } catch (ResourceAlreadyExistsException exists) {
            if (exists.resourceArn() != null && !exists.resourceArn().isBlank()) {
                return exists.resourceArn();
            }
            String id = exists.resourceId() != null ? exists.resourceId() : d.certificateSha256();
            return describe(id).map(Held::arn).orElseThrow(() -> new RegistryException(RegistryException.Kind.UNAVAILABLE,
                    "AWS IoT said the certificate of " + d.deviceId() + " exists but would not show it; will send again", null, null));
        } catch (SdkException e) {
            throw AwsErrors.refusal("registering the certificate of " + d.deviceId(), e);
        }
    }

    private Optional<Held> describe(String certificateId) throws RegistryException, Refused {
        CertificateDescription c;
        try {
            c = iot.describeCertificate(r -> r.certificateId(certificateId)).certificateDescription();
        } catch (ResourceNotFoundException gone) {
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsErrors.refusal("reading certificate " + certificateId, e);
        }
        String sha = c.certificatePem() == null ? null : RegistryCertificates.sha256OrNull(c.certificatePem());
        if (sha == null) {
            throw new Refused("AWS IoT's certificate " + certificateId + " has no readable PEM to compare");
        }
        return Optional.of(new Held(c.certificateArn(), c.certificateId(), sha, c.status()));
    }

    /** One SDK call, its failure sorted by {@link AwsErrors}. */
    static <T> T call(String what, Supplier<T> call) throws RegistryException, Refused {
        try {
            return call.get();
        } catch (SdkException e) {
            throw AwsErrors.refusal(what, e);
        }
    }
}

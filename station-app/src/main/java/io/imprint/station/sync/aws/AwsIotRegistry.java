package io.imprint.station.sync.aws;

import io.imprint.station.sync.aws.AwsErrors.Refused;
import io.imprint.station.sync.online.DeviceRegistration;
import io.imprint.station.sync.online.RegisteredDevice;
import io.imprint.station.sync.online.Registry;
import io.imprint.station.sync.online.RegistryAnswer;
import io.imprint.station.sync.online.RegistryException;
import io.imprint.station.sync.online.Revocation;
import io.imprint.station.sync.online.SyncTarget;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CertificateStatus;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.iot.model.ThingAttribute;
import software.amazon.awssdk.services.iot.model.ThingPrincipalType;

/**
 * AWS IoT Core as a {@link Registry}, through the SDK's control-plane client: per board a thing named by
 * its device id (the batch's attributes and thing type), its certificate registered without a CA and
 * ACTIVE, attached to that thing alone (EXCLUSIVE_THING), the batch's policy attached to the
 * certificate and the thing added to the batch's group.
 *
 * <p>Idempotent, so a re-send after a crash at any call finishes the job instead of doubling it: CreateThing
 * with the same configuration succeeds again, the thing's principals are read before a certificate is
 * registered (this board's certificate already attached means {@code alreadyThere}; another one is a
 * {@code Conflict} and nothing is registered or attached), a certificate AWS already holds is taken by its
 * ARN, and attaching a policy or adding to a group again changes nothing. Certificates are compared by the
 * SHA-256 of their DER, computed here from the PEM AWS returns rather than assumed from AWS's certificate id.
 * A revocation sets the certificate REVOKED; it deletes nothing.
 *
 * <p>Thread-safe (the SDK client is): {@link io.imprint.station.sync.online.ParallelRegistry} runs
 * several boards through one instance at once.
 */
public final class AwsIotRegistry implements Registry {

    private final IotClient iot;
    private final String where;
    private final AwsCertificates certificates;

    /**
     * The registry for the sync: region and credentials from the SDK's usual sources (AWS_REGION, the
     * profile, the instance's role) unless {@code region} says; requests go to AWS IoT's own endpoint
     * unless {@code endpoint} names another (a VPC endpoint, a test's stand-in on 127.0.0.1).
     *
     * @throws RegistryException UNAUTHORISED when no region or no credentials can be found (saying where
     *                           they were looked for, never what was found)
     */
    public static AwsIotRegistry fromEnvironment(Optional<URI> endpoint, Optional<String> region) throws RegistryException {
        return AwsIotClients.open(endpoint, region, DefaultCredentialsProvider.builder().build());
    }

    AwsIotRegistry(IotClient iot, String where) {
        this.iot = iot;
        this.where = where;
        this.certificates = new AwsCertificates(iot);
    }

    @Override
    public SyncTarget target() {
        return SyncTarget.AWS;
    }

    @Override
    public List<RegistryAnswer> register(List<DeviceRegistration> devices) throws RegistryException {
        List<RegistryAnswer> answers = new ArrayList<>(devices.size());
        for (DeviceRegistration d : devices) {
            answers.add(register(d));
        }
        return answers;
    }

    private RegistryAnswer register(DeviceRegistration d) throws RegistryException {
        Optional<String> problem = ThingRules.problem(d.deviceId(), d.attributes(), d.thingType().isPresent());
        if (problem.isPresent()) {
            return new RegistryAnswer.Rejected(d.entryId(), problem.get());
        }
        try {
            createThing(d);
            Optional<String> attached = Optional.empty();
            for (AwsCertificates.Held held : certificates.attachedTo(d.deviceId())) {
                if (!held.sha256().equals(d.certificateSha256())) {
                    return new RegistryAnswer.Conflict(d.entryId(), d.deviceId(), held.sha256(), "AWS IoT's thing " + d.deviceId()
                            + " already has certificate SHA-256 " + held.sha256() + " attached, not this board's " + d.certificateSha256()
                            + "; not overwritten (see sync reconcile)");
                }
                attached = Optional.of(held.arn());
            }
            String arn = attached.isPresent() ? attached.get() : certificates.register(d);
            if (attached.isEmpty()) {
                call("attaching the certificate of " + d.deviceId() + " to its thing", () -> iot.attachThingPrincipal(r -> r.thingName(d.deviceId())
                        .principal(arn).thingPrincipalType(ThingPrincipalType.EXCLUSIVE_THING)));
            }
            if (d.policyName().isPresent()) {
                String policy = d.policyName().get();
                call("attaching policy " + policy + " to the certificate of " + d.deviceId(), () -> iot.attachPolicy(r -> r.policyName(policy).target(arn)));
            }
            if (d.thingGroup().isPresent()) {
                String group = d.thingGroup().get();
                call("adding " + d.deviceId() + " to thing group " + group, () -> iot.addThingToThingGroup(r -> r.thingGroupName(group).thingName(d.deviceId())));
            }
            return new RegistryAnswer.Registered(d.entryId(), d.deviceId(), attached.isPresent());
        } catch (Refused refused) {
            return new RegistryAnswer.Rejected(d.entryId(), refused.getMessage());
        }
    }

    /** A thing that exists with another configuration is left as it is: its attributes are not the station's to overwrite. */
    private void createThing(DeviceRegistration d) throws RegistryException, Refused {
        try {
            iot.createThing(r -> r.thingName(d.deviceId()).thingTypeName(d.thingType().orElse(null))
                    .attributePayload(a -> a.attributes(d.attributes())));
        } catch (ResourceAlreadyExistsException exists) {
            // The thing is there with other attributes or type: someone (or an earlier batch) made it; carry on.
        } catch (SdkException e) {
            throw AwsErrors.refusal("creating thing " + d.deviceId() + d.thingType().map(t -> " of type " + t).orElse(""), e);
        }
    }

    /**
     * Sets the revoked certificate REVOKED. A certificate AWS does not hold counts as done (AWS refuses it
     * already); so does one already revoked.
     */
    @Override
    public RegistryAnswer revoke(Revocation revocation) throws RegistryException {
        if (revocation.certificateSha256() == null) {
            return new RegistryAnswer.Rejected(revocation.entryId(), "the station no longer holds the SHA-256 of the revoked certificate of "
                    + revocation.deviceId() + ": revoke it in AWS IoT by hand (thing " + revocation.deviceId() + ")");
        }
        try {
            Optional<AwsCertificates.Held> held = certificates.find(revocation.deviceId(), revocation.certificateSha256());
            if (held.isEmpty() || held.get().status() == CertificateStatus.REVOKED) {
                return new RegistryAnswer.Registered(revocation.entryId(), revocation.deviceId(), true);
            }
            String id = held.get().certificateId();
            call("revoking the certificate of " + revocation.deviceId(), () -> iot.updateCertificate(r -> r.certificateId(id).newStatus(CertificateStatus.REVOKED)));
            return new RegistryAnswer.Registered(revocation.entryId(), revocation.deviceId(), false);
        } catch (Refused refused) {
            return new RegistryAnswer.Rejected(revocation.entryId(), refused.getMessage());
        }
    }

    /**
     * Every thing in the account and region with each certificate attached to it (a thing with none is
     * reported without one). The account may hold things of other products: reconcile reports those as
     * extra and never touches them.
     */
    @Override
    public void forEachRegistered(Consumer<RegisteredDevice> sink) throws RegistryException {
        try {
            List<ThingAttribute> page = new ArrayList<>();
            String next = null;
            do {
                String token = next;
                var answer = call("listing things", () -> iot.listThings(r -> r.maxResults(250).nextToken(token)));
                page.clear();
                page.addAll(answer.things());
                for (ThingAttribute thing : page) {
                    List<AwsCertificates.Held> held = certificates.attachedTo(thing.thingName());
                    if (held.isEmpty()) {
                        sink.accept(new RegisteredDevice(thing.thingName(), Optional.empty(), false));
                    }
                    held.forEach(h -> sink.accept(new RegisteredDevice(thing.thingName(), Optional.of(h.sha256()), h.status() == CertificateStatus.ACTIVE)));
                }
                next = answer.nextToken();
            } while (next != null && !next.isEmpty());
        } catch (Refused refused) {
            throw new RegistryException(RegistryException.Kind.UNAVAILABLE, refused.getMessage(), null, null);
        }
    }

    private <T> T call(String what, java.util.function.Supplier<T> call) throws RegistryException, Refused {
        return AwsCertificates.call(what, call);
    }

    @Override
    public void close() {
        iot.close();
    }

    @Override
    public String toString() {
        return where;
    }
}

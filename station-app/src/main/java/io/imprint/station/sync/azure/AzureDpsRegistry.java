package io.imprint.station.sync.azure;

import io.imprint.station.sync.online.RegistryCertificates;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imprint.station.sync.online.DeviceRegistration;
import io.imprint.station.sync.online.RegisteredDevice;
import io.imprint.station.sync.online.Registry;
import io.imprint.station.sync.online.RegistryAnswer;
import io.imprint.station.sync.online.RegistryException;
import io.imprint.station.sync.online.RegistryException.Kind;
import io.imprint.station.sync.online.Revocation;
import io.imprint.station.sync.online.SyncTarget;
import io.imprint.station.util.JsonText;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Azure IoT Hub Device Provisioning Service as a {@link Registry}, over its REST service API 2021-10-01:
 * one IndividualEnrollment per board (registrationId = device id, X.509 client certificate, the batch's
 * attributes as initial twin tags), created ten at a time with the bulk operation.
 *
 * <p>Idempotent: when DPS says an enrollment already exists (409xxx), the client reads it and compares
 * DPS's SHA-256 thumbprint with the board's: the same certificate is {@code Registered(alreadyThere)},
 * another is a {@code Conflict} and is not overwritten. A revocation disables the enrollment (PUT with
 * If-Match on its etag) rather than deleting it, so reconcile still sees the device and DPS refuses the
 * certificate either way. Per-device throttling or 5xx inside a bulk answer throws for the whole call:
 * a re-send is safe because of the comparison above.
 *
 * <p>Thread-safe (its parts are), though the sync drives it from one thread.
 */
public final class AzureDpsRegistry implements Registry {

    static final int MAX_BATCH = 10;
    static final int PAGE_SIZE = 100;

    /** Where the station reads the DPS connection string when its settings name no file. */
    public static final String CONNECTION_STRING_ENV = "IMPRINT_AZURE_DPS_CONNECTION_STRING";

    private final DpsHttp http;
    private final int pageSize;

    /**
     * The registry for the sync: the connection string from {@code connectionStringFile} if given, else
     * from {@value #CONNECTION_STRING_ENV}; requests go to {@code https://<HostName>} unless
     * {@code endpointOverride} says otherwise (a test's stand-in on 127.0.0.1; the token still signs HostName).
     *
     * @throws RegistryException UNAUTHORISED when there is no usable connection string (the message says
     *                           where it was looked for, never its content)
     */
    public static AzureDpsRegistry fromEnvironment(Optional<Path> connectionStringFile, Optional<URI> endpointOverride, Clock clock)
            throws RegistryException {
        return fromEnvironment(System.getenv(), connectionStringFile, endpointOverride, clock, PAGE_SIZE);
    }

    static AzureDpsRegistry fromEnvironment(Map<String, String> env, Optional<Path> connectionStringFile, Optional<URI> endpointOverride,
                                            Clock clock, int pageSize) throws RegistryException {
        DpsConnectionString connection = DpsConnectionString.load(env, connectionStringFile);
        return new AzureDpsRegistry(connection, endpointOverride.orElse(URI.create("https://" + connection.hostName() + "/")), clock, pageSize);
    }

    AzureDpsRegistry(DpsConnectionString connection, URI endpoint, Clock clock, int pageSize) {
        this.http = new DpsHttp(endpoint, new SasTokens(connection, clock), clock);
        this.pageSize = pageSize;
    }

    @Override
    public SyncTarget target() {
        return SyncTarget.AZURE;
    }

    @Override
    public int maxBatch() {
        return MAX_BATCH;
    }

    @Override
    public List<RegistryAnswer> register(List<DeviceRegistration> devices) throws RegistryException {
        if (devices.size() > MAX_BATCH) {
            throw new IllegalArgumentException("DPS takes at most " + MAX_BATCH + " enrollments a call, given " + devices.size());
        }
        RegistryAnswer[] answers = new RegistryAnswer[devices.size()];
        List<Integer> sent = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < devices.size(); i++) {
            DeviceRegistration d = devices.get(i);
            Optional<String> problem = Enrollments.problem(d);
            if (problem.isEmpty() && !ids.add(key(d.deviceId()))) {
                problem = Optional.of("device id " + d.deviceId() + " is twice in one DPS bulk call (registration ids are case-insensitive)");
            }
            if (problem.isPresent()) {
                answers[i] = new RegistryAnswer.Rejected(d.entryId(), problem.get());
            } else {
                sent.add(i);
            }
        }
        if (!sent.isEmpty()) {
            bulkCreate(devices, sent, answers, false);
        }
        return List.of(answers);
    }

    /**
     * One bulk create, then each enrollment's answer. Whether DPS applies a partly failed bulk operation
     * in part or not at all, service.json does not say: so when it reports a failure, the enrollments it
     * did not name are read back, and those not there are sent once more in a bulk call of their own.
     */
    private void bulkCreate(List<DeviceRegistration> devices, List<Integer> sent, RegistryAnswer[] answers, boolean again) throws RegistryException {
        List<DpsBodies.Enrollment> enrollments = sent.stream().map(i -> Enrollments.of(devices.get(i))).toList();
        DpsHttp.Answer answer = http.send("POST", "/enrollments", new DpsBodies.BulkOperation("create", enrollments), Map.of());
        if (answer.status() >= 400) {
            String detail = "Azure DPS refused the bulk enrollment (HTTP " + answer.status() + ")" + http.detail(answer.body());
            sent.forEach(i -> answers[i] = new RegistryAnswer.Rejected(devices.get(i).entryId(), detail));
            return;
        }
        DpsBodies.BulkResult result = http.read(answer, DpsBodies.BulkResult.class, "the bulk enrollment");
        Map<String, DpsBodies.BulkError> errors = new HashMap<>();
        result.errors().forEach(e -> errors.put(key(e.registrationId()), e));
        if (!result.isSuccessful() && errors.isEmpty()) {
            throw new RegistryException(Kind.UNAVAILABLE, "Azure DPS reported the bulk enrollment failed without naming an enrollment", null, null);
        }
        List<Integer> missing = new ArrayList<>();
        for (int i : sent) {
            DeviceRegistration d = devices.get(i);
            DpsBodies.BulkError error = errors.get(key(d.deviceId()));
            if (error != null) {
                answers[i] = answer(d, error);
            } else if (result.isSuccessful()) {
                answers[i] = new RegistryAnswer.Registered(d.entryId(), d.deviceId(), false);
            } else {
                Optional<RegistryAnswer> held = held(d, false);
                if (held.isPresent()) {
                    answers[i] = held.get();
                } else {
                    missing.add(i);
                }
            }
        }
        if (!missing.isEmpty()) {
            if (again) {
                throw new RegistryException(Kind.UNAVAILABLE, "Azure DPS did not create " + missing.size() + " enrollment(s) it reported no error for; will send again", null, null);
            }
            bulkCreate(devices, missing, answers, true);
        }
    }

    private RegistryAnswer answer(DeviceRegistration d, DpsBodies.BulkError error) throws RegistryException {
        String detail = "Azure DPS refused enrollment " + d.deviceId() + ": " + error.errorCode() + " " + http.clean(error.errorStatus());
        return switch (error.httpStatus()) {
            case 409 -> existing(d);
            case 429 -> throw new RegistryException(Kind.THROTTLED, detail, null, null);
            case 401, 403 -> throw new RegistryException(Kind.UNAUTHORISED, detail, null, null);
            default -> {
                if (error.httpStatus() >= 500) {
                    throw new RegistryException(Kind.UNAVAILABLE, detail, null, null);
                }
                yield new RegistryAnswer.Rejected(d.entryId(), detail);
            }
        };
    }

    /** DPS said it already holds this registration id: the same certificate counts as registered, another is a conflict. */
    private RegistryAnswer existing(DeviceRegistration d) throws RegistryException {
        Optional<RegistryAnswer> held = held(d, true);
        if (held.isEmpty()) {
            // Said to exist, then gone: deleted in between. Sending again will create it.
            throw new RegistryException(Kind.UNAVAILABLE, "enrollment " + d.deviceId() + " was reported as existing but is gone; will send again", null, null);
        }
        return held.get();
    }

    /** What DPS holds for the device compared with its certificate; empty if it holds nothing. */
    private Optional<RegistryAnswer> held(DeviceRegistration d, boolean alreadyThere) throws RegistryException {
        DpsHttp.Answer answer = http.send("GET", "/enrollments/" + d.deviceId(), null, Map.of());
        if (answer.status() == 404) {
            return Optional.empty();
        }
        if (answer.status() >= 400) {
            return Optional.of(new RegistryAnswer.Rejected(d.entryId(), "Azure DPS would not show the enrollment " + d.deviceId()
                    + " (HTTP " + answer.status() + ")" + http.detail(answer.body())));
        }
        DpsBodies.Enrollment held = http.read(answer, DpsBodies.Enrollment.class, "enrollment " + d.deviceId());
        String theirs = held.certificateSha256();
        if (RegistryCertificates.normalisedHex(d.certificateSha256()).equals(theirs)) {
            return Optional.of(new RegistryAnswer.Registered(d.entryId(), d.deviceId(), alreadyThere));
        }
        return Optional.of(new RegistryAnswer.Conflict(d.entryId(), d.deviceId(), theirs == null ? "" : theirs,
                "Azure DPS already holds enrollment " + d.deviceId() + " with " + (theirs == null ? "no X.509 client certificate"
                        : "certificate SHA-256 " + theirs) + ", not this board's " + d.certificateSha256() + "; not overwritten (see sync reconcile)"));
    }

    /**
     * Disables the device's enrollment: DPS then refuses the device's registrations with any certificate.
     * No enrollment at all counts as done (DPS refuses it already); an enrollment holding another
     * certificate than the revoked one is left alone as a {@code Conflict}.
     */
    @Override
    public RegistryAnswer revoke(Revocation revocation) throws RegistryException {
        String id = revocation.deviceId();
        Optional<String> problem = Enrollments.registrationIdProblem(id);
        if (problem.isPresent()) {
            return new RegistryAnswer.Rejected(revocation.entryId(), problem.get());
        }
        DpsHttp.Answer answer = http.send("GET", "/enrollments/" + id, null, Map.of());
        if (answer.status() == 404) {
            return new RegistryAnswer.Registered(revocation.entryId(), id, true);
        }
        if (answer.status() >= 400) {
            return new RegistryAnswer.Rejected(revocation.entryId(), "Azure DPS would not show enrollment " + id + " to disable it (HTTP "
                    + answer.status() + ")" + http.detail(answer.body()));
        }
        ObjectNode enrollment = http.read(answer, ObjectNode.class, "enrollment " + id);
        String theirs = readEnrollment(enrollment).certificateSha256();
        if (revocation.certificateSha256() != null && theirs != null && !RegistryCertificates.normalisedHex(revocation.certificateSha256()).equals(theirs)) {
            return new RegistryAnswer.Conflict(revocation.entryId(), id, theirs, "Azure DPS's enrollment " + id + " holds certificate SHA-256 "
                    + theirs + ", not the revoked " + revocation.certificateSha256() + "; left enabled (see sync reconcile)");
        }
        if ("disabled".equals(enrollment.path("provisioningStatus").asText())) {
            return new RegistryAnswer.Registered(revocation.entryId(), id, true);
        }
        String etag = answer.etag().orElse(enrollment.path("etag").asText(""));
        enrollment.put("provisioningStatus", "disabled");
        DpsHttp.Answer put = http.send("PUT", "/enrollments/" + id, enrollment, etag.isEmpty() ? Map.of() : Map.of("If-Match", etag));
        if (put.status() == 412) {
            throw new RegistryException(Kind.UNAVAILABLE, "enrollment " + id + " changed while being disabled; will try again", null, null);
        }
        if (put.status() >= 400) {
            return new RegistryAnswer.Rejected(revocation.entryId(), "Azure DPS refused to disable enrollment " + id + " (HTTP " + put.status() + ")"
                    + http.detail(put.body()));
        }
        return new RegistryAnswer.Registered(revocation.entryId(), id, false);
    }

    /** Every individual enrollment, paged by DPS's continuation token. */
    @Override
    public void forEachRegistered(Consumer<RegisteredDevice> sink) throws RegistryException {
        String continuation = null;
        do {
            Map<String, String> headers = new HashMap<>();
            headers.put("x-ms-max-item-count", Integer.toString(pageSize));
            if (continuation != null) {
                headers.put("x-ms-continuation", continuation);
            }
            DpsHttp.Answer answer = http.send("POST", "/enrollments/query", new DpsBodies.QuerySpecification("*"), headers);
            if (answer.status() >= 400) {
                throw new RegistryException(Kind.UNAVAILABLE, "Azure DPS refused the enrollment query (HTTP " + answer.status() + ")"
                        + http.detail(answer.body()), null, null);
            }
            for (DpsBodies.Enrollment e : http.read(answer, DpsBodies.Enrollment[].class, "the enrollment query")) {
                sink.accept(new RegisteredDevice(e.registrationId(), Optional.ofNullable(e.certificateSha256()), !"disabled".equals(e.provisioningStatus())));
            }
            continuation = answer.continuation().filter(c -> !c.isBlank()).orElse(null);
        } while (continuation != null);
    }

    private static DpsBodies.Enrollment readEnrollment(ObjectNode node) throws RegistryException {
        try {
            return JsonText.MAPPER.treeToValue(node, DpsBodies.Enrollment.class);
        } catch (JsonProcessingException e) {
            throw new RegistryException(Kind.UNAVAILABLE, "Azure DPS's enrollment is not the documented JSON (" + e.getOriginalMessage() + ")", null, null);
        }
    }

    private static String key(String registrationId) {
        return registrationId == null ? "" : registrationId.toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "Azure DPS at " + http.endpoint();
    }
}

package io.imprint.station.sync.azure;

import io.imprint.station.sync.online.RegistryCertificates;
import io.imprint.station.sync.online.DeviceRegistration;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Turns a {@link DeviceRegistration} into the IndividualEnrollment DPS is sent, after checking it against
 * DPS's rules, so that what DPS would refuse is refused here, before any request, with a reason that
 * names the device.
 *
 * <p>Stateless and thread-safe.
 */
final class Enrollments {

    /**
     * registrationId: up to 128 characters, alphanumerics and {@code : . _ -}, no special character
     * first or last (service.json, IndividualEnrollment.registrationId).
     */
    private static final Pattern REGISTRATION_ID = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9:._-]{0,126}[A-Za-z0-9])?");
    /** Twin property names: no control characters, '.', '$' or space; at most 1 KB (IoT Hub twin limits). */
    private static final Pattern TAG_NAME = Pattern.compile("[^\\p{Cntrl}.$ ]{1,1024}");
    /** The station's own tags go under this name, so no batch attribute can shadow them. */
    static final String STATION_TAG = "imprint";

    private Enrollments() {
    }

    /** Why DPS could not take this id, or empty if it can. */
    static Optional<String> registrationIdProblem(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.of("an empty device id cannot be a DPS registration id");
        }
        if (id.length() > 128) {
            return Optional.of("device id " + shortened(id) + " is " + id.length() + " characters; a DPS registration id has at most 128");
        }
        if (!REGISTRATION_ID.matcher(id).matches()) {
            return Optional.of("device id " + shortened(id) + " cannot be a DPS registration id (letters, digits and : . _ -, "
                    + "starting and ending with a letter or digit)");
        }
        return Optional.empty();
    }

    /** Why this registration cannot be sent, or empty. */
    static Optional<String> problem(DeviceRegistration d) {
        Optional<String> id = registrationIdProblem(d.deviceId());
        if (id.isPresent()) {
            return id;
        }
        X509Certificate certificate;
        try {
            certificate = RegistryCertificates.parse(d.certificatePem());
        } catch (IllegalArgumentException e) {
            return Optional.of("the certificate of " + d.deviceId() + " is not a PEM X.509 certificate");
        }
        if (d.certificateSha256() == null || !RegistryCertificates.sha256(certificate).equals(RegistryCertificates.normalisedHex(d.certificateSha256()))) {
            return Optional.of("the certificate of " + d.deviceId() + " is not the one its record's SHA-256 names; not sent");
        }
        for (String name : d.attributes().keySet()) {
            if (name.equals(STATION_TAG)) {
                return Optional.of("batch attribute '" + STATION_TAG + "' is the name the station's own twin tags use; rename the attribute");
            }
            if (!TAG_NAME.matcher(name).matches()) {
                return Optional.of("batch attribute '" + name + "' cannot be a device twin tag name (no '.', '$', spaces or control characters)");
            }
        }
        return Optional.empty();
    }

    /** The enrollment DPS is sent: X.509 client certificate, the batch's tags, enabled. */
    static DpsBodies.Enrollment of(DeviceRegistration d) {
        Map<String, Object> tags = new LinkedHashMap<>(new TreeMap<>(d.attributes()));
        Map<String, Object> station = new LinkedHashMap<>();
        station.put("batch", d.batchId());
        station.put("serial", d.serial());
        d.thingGroup().ifPresent(g -> station.put("group", g));
        tags.put(STATION_TAG, station);
        return new DpsBodies.Enrollment(d.deviceId(), DpsBodies.Attestation.clientCertificate(d.certificatePem()),
                new DpsBodies.InitialTwin(tags), "enabled", null);
    }

    private static String shortened(String id) {
        String printable = id.replaceAll("\\p{Cntrl}", "?");
        return "'" + (printable.length() > 40 ? printable.substring(0, 40) + "…" : printable) + "'";
    }
}

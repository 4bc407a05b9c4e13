package io.imprint.station.sync.export;

import com.fasterxml.jackson.core.JsonGenerator;
import io.imprint.station.batch.Batch;
import io.imprint.station.util.JsonText;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The Azure IoT Hub DPS target: individual enrollments with the boards' X.509 certificates, in bulk
 * operation bodies ({@code POST /enrollments}, mode create) of at most ten each, as the service takes them,
 * and the commands that send them.
 *
 * <p>Not thread-safe: one export, one writer.
 */
final class AzureDpsExport implements AutoCloseable {

    static final String API_VERSION = "2021-10-01";
    static final String COMMANDS = "commands.sh";
    /** The bulk operation's limit on enrollments per call. */
    static final int PER_BODY = 10;
    /** DPS's registration id: at most 128 of alphanumerics and {@code : . _ -}, no special character first or last. */
    private static final Pattern REGISTRATION_ID = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9:._-]{0,126}[A-Za-z0-9])?");

    private final BundleWriter bundle;
    /** The tags every board of the batch shares (its chip id is added per board). */
    private final Map<String, String> tags;
    private final List<ExportDevice> pending = new ArrayList<>(PER_BODY);
    private int bodies;

    private AzureDpsExport(BundleWriter bundle, Map<String, String> tags) {
        this.bundle = bundle;
        this.tags = tags;
    }

    static AzureDpsExport open(Batch batch, BundleWriter bundle) throws IOException {
        try (OutputStream out = bundle.file(COMMANDS)) {
            out.write(commands(batch).getBytes(StandardCharsets.UTF_8));
        }
        Map<String, String> tags = new TreeMap<>();
        tags.put("batch", batch.id());
        tags.put("product", batch.product());
        tags.put("role", batch.role());
        batch.cloud().thingGroup().ifPresent(g -> tags.put("group", g));
        tags.putAll(batch.cloud().attributes());
        return new AzureDpsExport(bundle, tags);
    }

    static String bodyName(int n) {
        return "enrollments-%04d.json".formatted(n);
    }

    static boolean validRegistrationId(String id) {
        return REGISTRATION_ID.matcher(id).matches();
    }

    void add(ExportDevice d) throws ExportException {
        if (!validRegistrationId(d.deviceId())) {
            throw ExportException.refused("device id " + d.deviceId() + " cannot be a DPS registration id (at most 128 letters, digits and"
                    + " : . _ -, starting and ending with a letter or digit): nothing was written");
        }
        pending.add(d);
        if (pending.size() == PER_BODY) {
            flush();
        }
    }

    private void flush() throws ExportException {
        if (pending.isEmpty()) {
            return;
        }
        try (OutputStream out = bundle.file(bodyName(++bodies)); JsonGenerator json = JsonText.MAPPER.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("mode", "create");
            json.writeArrayFieldStart("enrollments");
            for (ExportDevice d : pending) {
                json.writeStartObject();
                json.writeStringField("registrationId", d.deviceId());
                json.writeStringField("deviceId", d.deviceId());
                json.writeObjectFieldStart("attestation");
                json.writeStringField("type", "x509");
                json.writeObjectFieldStart("x509");
                json.writeObjectFieldStart("clientCertificates");
                json.writeObjectFieldStart("primary");
                json.writeStringField("certificate", d.certificatePem());
                json.writeEndObject();
                json.writeEndObject();
                json.writeEndObject();
                json.writeEndObject();
                json.writeObjectFieldStart("initialTwin");
                json.writeObjectFieldStart("tags");
                for (var t : tags.entrySet()) {
                    json.writeStringField(t.getKey(), t.getValue());
                }
                if (!tags.containsKey("chipUid")) {
                    json.writeStringField("chipUid", d.chipUid());
                }
                json.writeEndObject();
                json.writeEndObject();
                json.writeStringField("provisioningStatus", "enabled");
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw ExportException.failed("cannot write " + bodyName(bodies) + ": " + e.getMessage(), e);
        }
        pending.clear();
    }

    /** The bodies written so far (after {@link #close}, all of them). */
    int bodies() {
        return bodies;
    }

    private static String commands(Batch batch) {
        return """
                #!/bin/sh
                # Individual enrollments of batch %s with Azure IoT Hub DPS (service API %s): each
                # enrollments-NNNN.json is one bulk operation of at most %d enrollments (mode create).
                # SAS_TOKEN: a token of a DPS shared access policy with "Enrollment write", in the form
                #   SharedAccessSignature sr=<dps host>&sig=<signature>&se=<expiry>&skn=<policy name>
                # The boards' certificates are checked by DPS itself; no CA needs verifying first for individual enrollments.
                set -eu
                : "${DPS_HOST:?set DPS_HOST to the service endpoint, e.g. my-dps.azure-devices-provisioning.net}"
                : "${SAS_TOKEN:?set SAS_TOKEN to a SharedAccessSignature with Enrollment write}"
                for body in enrollments-*.json; do
                  curl -sS --fail-with-body -X POST "https://$DPS_HOST/enrollments?api-version=%s" \\
                    -H "Authorization: $SAS_TOKEN" -H "Content-Type: application/json" --data-binary "@$body"
                  echo " <- $body"
                done
                # Each answer is {"isSuccessful":...,"errors":[{"registrationId","errorCode","errorStatus"}]}: check that isSuccessful is true.
                # One enrollment by hand instead: az iot dps enrollment create --dps-name <name> --resource-group <rg> \\
                #   --enrollment-id <device id> --attestation-type x509 --certificate-path <device cert PEM>
                """.formatted(batch.id(), API_VERSION, PER_BODY, API_VERSION);
    }

    @Override
    public void close() throws ExportException {
        flush();
    }
}

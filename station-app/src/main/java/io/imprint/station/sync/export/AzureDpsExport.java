package io.imprint.station.sync.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imprint.station.batch.Batch;
import io.imprint.station.util.JsonText;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The Azure IoT Hub DPS target: individual enrollments with each board's X.509 certificate, in bulk
 * operation bodies of at most 10 ({@code POST /enrollments?api-version=2021-10-01}, mode create), the
 * batch's attributes as the initial twin's tags, and the commands that send them.
 *
 * <p>Not thread-safe: one export, one writer.
 */
final class AzureDpsExport implements AutoCloseable {

    /** DPS's bulk operation limit. */
    static final int PER_BODY = 10;
    static final String API_VERSION = "2021-10-01";
    static final String COMMANDS = "commands.sh";
    /** DPS: up to 128 of letters, digits and {@code : . _ -}, not starting or ending with one of those four. */
    private static final Pattern REGISTRATION_ID = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9:._-]{0,126}[A-Za-z0-9])?");

    private final Batch batch;
    private final BundleWriter bundle;
    private ArrayNode pending = JsonText.MAPPER.createArrayNode();
    private int bodies;

    AzureDpsExport(Batch batch, BundleWriter bundle) throws IOException {
        this.batch = batch;
        this.bundle = bundle;
        try (OutputStream out = bundle.file(COMMANDS)) {
            out.write(commands(batch).getBytes(StandardCharsets.UTF_8));
        }
    }

    static String bodyName(int n) {
        return "enrollments-%04d.json".formatted(n);
    }

    void add(ExportDevice d) throws ExportException {
        if (!REGISTRATION_ID.matcher(d.deviceId()).matches()) {
            throw ExportException.refused("device id " + d.deviceId() + " cannot be a DPS registration id (1-128 letters, digits and :._-,"
                    + " a letter or digit first and last)");
        }
        ObjectNode e = pending.addObject();
        e.put("registrationId", d.deviceId());
        e.put("deviceId", d.deviceId());
        e.putObject("attestation").put("type", "x509").putObject("x509").putObject("clientCertificates").putObject("primary")
                .put("certificate", d.certificatePem());
        ObjectNode tags = e.putObject("initialTwin").putObject("tags");
        tags.put("batch", batch.id());
        tags.put("product", batch.product());
        tags.put("role", batch.role());
        tags.put("chipUid", d.chipUid());
        batch.cloud().thingGroup().ifPresent(g -> tags.put("group", g));
        batch.cloud().attributes().forEach(tags::put);
        e.put("provisioningStatus", "enabled");
        if (pending.size() == PER_BODY) {
            flush();
        }
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        ObjectNode body = JsonText.MAPPER.createObjectNode().put("mode", "create");
        body.set("enrollments", pending);
        try (OutputStream out = bundle.file(bodyName(++bodies))) {
            JsonText.MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pending = JsonText.MAPPER.createArrayNode();
    }

    private static String commands(Batch batch) {
        return """
                #!/bin/sh
                # Individual enrollments of batch %s with Azure IoT Hub DPS (service API %s), ten a call.
                # DPS_HOST: your DPS service endpoint (<name>.azure-devices-provisioning.net);
                # SAS: a SharedAccessSignature for a policy with enrollment write rights, e.g. from
                #   az iot dps policy list / az iot dps generate-sas-token (never stored by Imprint).
                set -eu
                : "${DPS_HOST:?set DPS_HOST}"
                : "${SAS:?set SAS to a SharedAccessSignature token}"
                for body in enrollments-*.json; do
                  curl --fail-with-body -sS -X POST "https://$DPS_HOST/enrollments?api-version=%s" \\
                    -H "Authorization: $SAS" -H "Content-Type: application/json" --data-binary "@$body"
                  echo
                done
                # Each answer is {"isSuccessful":…,"errors":[…]}; an error per registrationId says which to look at.
                """.formatted(batch.id(), API_VERSION, API_VERSION);
    }

    @Override
    public void close() {
        flush();
    }
}

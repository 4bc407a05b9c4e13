package io.imprint.station.sync.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imprint.station.batch.Batch;
import io.imprint.station.sync.aws.ThingRules;
import io.imprint.station.util.JsonText;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The AWS IoT bulk registration target (StartThingRegistrationTask): a provisioning template that makes
 * a thing, registers its certificate as signed by the batch's CA and attaches the batch's policy, and the
 * newline-delimited JSON input with one board a line, keyed by exactly the template's parameter names.
 *
 * <p>Not thread-safe: one export, one writer.
 */
final class AwsBulkExport implements AutoCloseable {

    static final String TEMPLATE = "provisioning-template.json";
    static final String INPUT = "devices.ndjson";
    static final String COMMANDS = "commands.sh";
    /** StartThingRegistrationTask's limit on templateBody. */
    static final int TEMPLATE_LIMIT = 10_240;
    static final List<String> PARAMETERS = List.of("ThingName", "ChipUid", "CertificatePem", "CACertificatePem");

    private final JsonGenerator lines;
    private final String caPem;

    private AwsBulkExport(OutputStream input, String caPem) throws IOException {
        this.lines = JsonText.MAPPER.createGenerator(input);
        this.caPem = caPem;
    }

    /** Writes the template (checked against AWS's rules first) and opens the input for {@link #add}. */
    static AwsBulkExport open(Batch batch, String caPem, BundleWriter bundle) throws ExportException, IOException {
        String template = template(batch);
        try (OutputStream out = bundle.file(TEMPLATE)) {
            out.write(template.getBytes(StandardCharsets.UTF_8));
        }
        try (OutputStream out = bundle.file(COMMANDS)) {
            out.write(commands(batch).getBytes(StandardCharsets.UTF_8));
        }
        return new AwsBulkExport(bundle.file(INPUT), caPem);
    }

    static String template(Batch batch) throws ExportException {
        Batch.CloudAttributes cloud = batch.cloud();
        int limit = ThingRules.attributeLimit(cloud.thingType().isPresent());
        if (cloud.attributes().size() + 1 > limit) {
            throw ExportException.refused("AWS allows a thing " + limit + " attributes" + (limit == 3 ? " without a thing type" : "")
                    + ": batch " + batch.id() + " has " + cloud.attributes().size() + " and the export adds chipUid (give the batch a --thing-type, or fewer attributes)");
        }
        ObjectNode root = JsonText.MAPPER.createObjectNode();
        ObjectNode parameters = root.putObject("Parameters");
        PARAMETERS.forEach(p -> parameters.putObject(p).put("Type", "String"));
        ObjectNode resources = root.putObject("Resources");
        ObjectNode thing = resources.putObject("thing").put("Type", "AWS::IoT::Thing").putObject("Properties");
        thing.putObject("ThingName").put("Ref", "ThingName");
        ObjectNode attributes = thing.putObject("AttributePayload").put("version", "v1");
        for (Map.Entry<String, String> a : new java.util.TreeMap<>(cloud.attributes()).entrySet()) {
            if (!ThingRules.isAttribute(a.getKey(), a.getValue())) {
                throw ExportException.refused("batch attribute " + a.getKey() + "=" + a.getValue()
                        + " is not one AWS accepts on a thing (names and values of letters, digits and _.,@/:#-; no spaces)");
            }
            attributes.put(a.getKey(), a.getValue());
        }
        attributes.putObject("chipUid").put("Ref", "ChipUid");
        cloud.thingType().ifPresent(t -> thing.put("ThingTypeName", t));
        cloud.thingGroup().ifPresent(g -> thing.putArray("ThingGroups").add(g));
        ObjectNode cert = resources.putObject("certificate").put("Type", "AWS::IoT::Certificate").putObject("Properties");
        cert.putObject("CertificatePem").put("Ref", "CertificatePem");
        cert.putObject("CACertificatePem").put("Ref", "CACertificatePem");
        cert.put("Status", "ACTIVE");
        cloud.policyName().ifPresent(p -> resources.putObject("policy").put("Type", "AWS::IoT::Policy").putObject("Properties").put("PolicyName", p));
        String text;
        try {
            text = JsonText.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw ExportException.failed("cannot write the provisioning template: " + e.getMessage(), e);
        }
        if (text.length() > TEMPLATE_LIMIT) {
            throw ExportException.refused("the provisioning template is " + text.length() + " characters; AWS takes at most " + TEMPLATE_LIMIT
                    + " (fewer or shorter batch attributes)");
        }
        return text;
    }

    private static String commands(Batch batch) {
        return """
                #!/bin/sh
                # Bulk registration of batch %s with AWS IoT (StartThingRegistrationTask). Before the first batch:
                # register the issuing CA (aws iot register-ca-certificate) and make a role AWS IoT may assume
                # to read the bucket and register things (policy AWSIoTThingsRegistration).%s
                set -eu
                : "${BUCKET:?set BUCKET to the S3 bucket for the input file}"
                : "${ROLE_ARN:?set ROLE_ARN to the registration role's ARN}"
                KEY="${KEY:-imprint/%s/devices.ndjson}"
                aws s3 cp devices.ndjson "s3://$BUCKET/$KEY"
                aws iot start-thing-registration-task --template-body file://provisioning-template.json \\
                  --input-file-bucket "$BUCKET" --input-file-key "$KEY" --role-arn "$ROLE_ARN"
                # Then: aws iot list-thing-registration-task-reports --task-id <taskId> --report-type ERRORS
                """.formatted(batch.id(), batch.cloud().policyName().isPresent() ? ""
                : "\n# The batch names no policy: the things get no permissions until one is attached.", batch.id());
    }

    /** One board: one line whose keys are exactly {@link #PARAMETERS}. */
    void add(ExportDevice d) throws ExportException {
        if (!ThingRules.isThingName(d.deviceId())) {
            throw ExportException.refused("device id " + d.deviceId() + " cannot be an AWS thing name (1-128 letters, digits and :_-)");
        }
        if (!ThingRules.isAttributeValue(d.chipUid())) {
            throw ExportException.refused("chip uid " + d.chipUid() + " of " + d.deviceId() + " cannot be an AWS thing attribute value");
        }
        try {
            lines.writeStartObject();
            lines.writeStringField("ThingName", d.deviceId());
            lines.writeStringField("ChipUid", d.chipUid());
            lines.writeStringField("CertificatePem", d.certificatePem());
            lines.writeStringField("CACertificatePem", caPem);
            lines.writeEndObject();
            lines.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}

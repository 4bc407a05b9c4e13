package io.imprint.station.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.imprint.station.batch.Batch;
import io.imprint.station.report.ReportSections.CycleTimes;
import io.imprint.station.report.ReportSections.HistogramBucket;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The report as one JSON document, through Jackson: {@code header}, {@code counts}, the sections,
 * {@code devices} streamed element by element, then {@code deviceCount} and {@code audit}. Times are ISO-8601 UTC instants; absent values are null.
 *
 * <p>Not thread-safe.
 */
final class JsonReportWriter implements ReportWriter {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance))
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final OutputStream out;
    private JsonGenerator json;

    JsonReportWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void begin(BatchReport r) throws ReportException {
        try {
            json = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8).useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeObjectField("header", header(r.header()));
            ReportCounts c = r.counts();
            Map<String, Object> counts = new LinkedHashMap<>(MAPPER.convertValue(c, Map.class));
            counts.put("yieldPercent", c.yieldPercent());
            counts.put("firstPassYieldPercent", c.firstPassYieldPercent());
            json.writeObjectField("counts", counts);
            json.writeObjectField("failures", r.failures());
            json.writeObjectField("slots", r.slots().stream().map(s -> {
                Map<String, Object> m = new LinkedHashMap<>(MAPPER.convertValue(s, Map.class));
                m.put("yieldPercent", s.yieldPercent());
                return m;
            }).toList());
            json.writeObjectField("cycleTimes", cycleTimes(r.cycleTimes()));
            json.writeObjectField("steps", r.steps());
            json.writeObjectField("throughput", r.throughput().stream().map(t -> {
                Map<String, Object> m = new LinkedHashMap<>(MAPPER.convertValue(t, Map.class));
                m.put("unitsPerHour", t.unitsPerHour());
                return m;
            }).toList());
            json.writeObjectField("operators", r.operators());
            json.writeObjectField("revocations", r.revocations());
            json.writeArrayFieldStart("devices");
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private static Map<String, Object> header(ReportHeader h) {
        Batch b = h.batch();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workOrder", b.id());
        m.put("product", b.product());
        m.put("role", b.role());
        m.put("strategy", b.strategy().name());
        m.put("profile", b.profile());
        m.put("quantity", b.quantity());
        m.put("status", b.status().name());
        m.put("stationId", h.stationId());
        m.put("caChain", h.caChain());
        m.put("createdBy", b.createdBy());
        m.put("createdAt", b.createdAt());
        m.put("openedAt", h.openedAt().orElse(null));
        m.put("openedBy", h.openedBy().orElse(null));
        m.put("closedAt", h.closedAt().orElse(null));
        m.put("closedBy", h.closedBy().orElse(null));
        m.put("generatedAt", h.generatedAt());
        m.put("generatedBy", h.generatedBy());
        return m;
    }

    private static Map<String, Object> cycleTimes(CycleTimes c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", c.count());
        m.put("meanMillis", c.meanMillis());
        m.put("p50Millis", c.p50Millis());
        m.put("p90Millis", c.p90Millis());
        m.put("p99Millis", c.p99Millis());
        m.put("maxMillis", c.maxMillis());
        m.put("histogram", c.histogram().stream().map(JsonReportWriter::bucket).toList());
        return m;
    }

    private static Map<String, Object> bucket(HistogramBucket b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fromMillis", b.fromMillis());
        m.put("toMillis", b.toMillis() == Long.MAX_VALUE ? null : b.toMillis());
        m.put("count", b.count());
        return m;
    }

    @Override
    public void device(DeviceLine d) throws ReportException {
        try {
            json.writeObject(d);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void end(long devices, ReportSections.AuditStatus audit) throws ReportException {
        try {
            json.writeEndArray();
            json.writeNumberField("deviceCount", devices);
            json.writeObjectField("audit", audit);
            json.writeEndObject();
            json.flush();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private static ReportException failed(IOException e) {
        return new ReportException("cannot write the JSON report: " + e.getMessage(), e);
    }
}

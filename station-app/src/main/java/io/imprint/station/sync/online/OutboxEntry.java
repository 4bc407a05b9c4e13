package io.imprint.station.sync.online;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One sync_outbox entry as the sync reads it: what happened to which board, and the facts the engine
 * recorded with it (V1's payload JSON).
 *
 * @param kind DEVICE_PROVISIONED or CERTIFICATE_REVOKED
 */
public record OutboxEntry(long entryId, String batchId, String deviceId, String kind, JsonNode payload) {

    public static final String PROVISIONED = "DEVICE_PROVISIONED";
    public static final String REVOKED = "CERTIFICATE_REVOKED";

    public boolean revocation() {
        return REVOKED.equals(kind);
    }

    /** The payload's text field, or null when it has none (a CLAIM board's entry names no serial). */
    public String text(String field) {
        JsonNode n = payload.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}

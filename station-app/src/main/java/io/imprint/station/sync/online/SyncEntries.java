package io.imprint.station.sync.online;

import com.fasterxml.jackson.databind.JsonNode;
import io.imprint.station.store.StoreException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns due outbox entries into the next registry call: a run of registrations (as many as the registry
 * takes at once), one revocation, or one entry that cannot be sent and why. Certificates come from the
 * batch log, never from the payload, so a sync sends exactly what the CA issued.
 *
 * <p>Thread-safe: holds no mutable state.
 */
final class SyncEntries {

    /** The next call to make. */
    sealed interface Call {
        List<OutboxEntry> entries();

        record Register(List<OutboxEntry> entries, List<DeviceRegistration> registrations) implements Call {
        }

        record Revoke(OutboxEntry entry, Revocation revocation) implements Call {
            @Override
            public List<OutboxEntry> entries() {
                return List.of(entry);
            }
        }

        /** SKIPPED (nothing for this target) or FAILED (the log cannot say what to send). */
        record Unsendable(OutboxEntry entry, DeliveryState state, String why) implements Call {
            @Override
            public List<OutboxEntry> entries() {
                return List.of(entry);
            }
        }
    }

    private final SyncStore store;
    private final List<String> caChainPem;

    SyncEntries(SyncStore store, List<String> caChainPem) {
        this.store = store;
        this.caChainPem = List.copyOf(caChainPem);
    }

    /** The call for the first of {@code due} (non-empty, in entry order), with as many of the following as fit. */
    Call next(Connection tx, List<OutboxEntry> due, SyncTarget target) throws StoreException {
        Call first = one(tx, due.getFirst(), target);
        if (!(first instanceof Call.Register r)) {
            return first;
        }
        List<OutboxEntry> entries = new ArrayList<>(r.entries());
        List<DeviceRegistration> registrations = new ArrayList<>(r.registrations());
        for (OutboxEntry e : due.subList(1, due.size())) {
            if (!(one(tx, e, target) instanceof Call.Register more)) {
                break;
            }
            entries.addAll(more.entries());
            registrations.addAll(more.registrations());
        }
        return new Call.Register(entries, registrations);
    }

    private Call one(Connection tx, OutboxEntry e, SyncTarget target) throws StoreException {
        String serial = e.text("serial");
        if (e.revocation()) {
            if (serial == null) {
                return new Call.Unsendable(e, DeliveryState.FAILED, "the revocation names no certificate serial");
            }
            String sha256 = store.certificate(tx, serial).map(SyncStore.Certificate::sha256).orElse(null);
            return new Call.Revoke(e, new Revocation(e.entryId(), e.batchId(), e.deviceId(), serial, sha256, e.text("reason")));
        }
        if (!OutboxEntry.PROVISIONED.equals(e.kind())) {
            return new Call.Unsendable(e, DeliveryState.FAILED, "unknown outbox entry kind " + e.kind() + ": update the station");
        }
        if (serial == null) {
            return new Call.Unsendable(e, DeliveryState.SKIPPED, "a claim board: " + target.id() + " admits it by its batch's claim in the field");
        }
        Optional<SyncStore.Certificate> cert = store.certificate(tx, serial);
        if (cert.isEmpty()) {
            return new Call.Unsendable(e, DeliveryState.FAILED, "certificate " + serial + " of " + e.deviceId() + " is not in the batch log");
        }
        return new Call.Register(List.of(e), List.of(new DeviceRegistration(e.entryId(), e.batchId(), e.deviceId(), serial, cert.get().pem(),
                cert.get().sha256(), caChainPem, Optional.ofNullable(e.text("thingGroup")), Optional.ofNullable(e.text("policyName")),
                Optional.ofNullable(e.text("thingType")), attributes(e.payload().get("attributes")))));
    }

    private static Map<String, String> attributes(JsonNode node) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.properties().forEach(p -> attributes.put(p.getKey(), p.getValue().asText()));
        }
        return attributes;
    }
}

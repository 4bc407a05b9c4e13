package io.imprint.station.run;

import io.imprint.device.family.BoardFamily;
import io.imprint.station.audit.AuditEvent;
import io.imprint.station.audit.AuditTrail;
import io.imprint.station.store.Sql;
import io.imprint.station.store.StationDatabase;
import io.imprint.station.store.StoreException;
import io.imprint.station.store.Transactions;
import io.imprint.station.util.JsonText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin's station settings in the batch log's {@code station_settings} table: the station id, the
 * CA key URI, and each slot's port binding ({@code slot.1} … {@code slot.16}). Every change is one
 * transaction with its audit event, so the trail says who rebound a slot.
 *
 * <p>Thread-safe: holds no mutable state.
 */
public final class StationSettings {

    public static final String STATION_ID = "station.id";
    public static final String KEY_URI = "ca.key-uri";
    public static final int MAX_SLOTS = 16;

    private final StationDatabase db;
    private final AuditTrail audit;

    public StationSettings(StationDatabase db, AuditTrail audit) {
        this.db = db;
        this.audit = audit;
    }

    /** Every setting, by name, in name order. */
    public Map<String, String> all() throws StoreException {
        return Transactions.inTransaction(db, StationSettings::read);
    }

    /**
     * The settings of a station that is not open yet (the station id and key URI are needed to open
     * it): opens the batch log, reads, closes. Empty when there is no batch log yet.
     */
    public static Map<String, String> peek(Path dataDir) throws StoreException {
        if (!Files.exists(dataDir.resolve("station.mv.db"))) {
            return Map.of();
        }
        try (StationDatabase db = StationDatabase.open(dataDir.resolve("station"))) {
            return Transactions.inTransaction(db, StationSettings::read);
        }
    }

    private static Map<String, String> read(java.sql.Connection tx) throws StoreException {
        Map<String, String> all = new LinkedHashMap<>();
        for (String[] row : Sql.query(tx, "SELECT setting_name, setting_value FROM station_settings ORDER BY setting_name",
                rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            all.put(row[0], row[1]);
        }
        return all;
    }

    /** The slots' bindings, slot 1 first; empty when none is bound yet. */
    public List<PortBinding> slots() throws StoreException {
        return slots(all());
    }

    public static List<PortBinding> slots(Map<String, String> settings) {
        List<PortBinding> slots = new ArrayList<>();
        for (int i = 1; i <= MAX_SLOTS && settings.containsKey(slotKey(i)); i++) {
            slots.add(PortBinding.parse(settings.get(slotKey(i))));
        }
        return slots;
    }

    /** Replaces every slot binding (at most {@value #MAX_SLOTS}); each slot probes its boards' family. */
    public void bindSlots(List<PortBinding> bindings, String actor) throws StoreException {
        bindSlots(bindings, bindings.stream().map(b -> Optional.<BoardFamily>empty()).toList(), actor);
    }

    /** Replaces every slot binding and family (empty: probe), one each per slot. */
    public void bindSlots(List<PortBinding> bindings, List<Optional<BoardFamily>> families, String actor) throws StoreException {
        if (families.size() != bindings.size()) {
            throw new IllegalArgumentException(bindings.size() + " bindings but " + families.size() + " families");
        }
        if (bindings.size() > MAX_SLOTS) {
            throw new IllegalArgumentException("at most " + MAX_SLOTS + " slots, not " + bindings.size());
        }
        Transactions.inTransaction(db, tx -> {
            Sql.update(tx, "DELETE FROM station_settings WHERE setting_name LIKE 'slot.%'");
            for (int i = 0; i < bindings.size(); i++) {
                Sql.update(tx, "INSERT INTO station_settings (setting_name, setting_value) VALUES (?, ?)", slotKey(i + 1), bindings.get(i).encode());
                if (families.get(i).isPresent()) {
                    Sql.update(tx, "INSERT INTO station_settings (setting_name, setting_value) VALUES (?, ?)", SlotFamilies.slotKey(i + 1),
                            SlotFamilies.name(families.get(i)));
                }
            }
            audit.append(tx, new AuditEvent(actor, "settings.slots-bound", "slots",
                    JsonText.of("bindings", String.join(",", bindings.stream().map(PortBinding::encode).toList()),
                            "families", String.join(",", families.stream().map(SlotFamilies::name).toList()))));
            return null;
        });
    }

    /** Sets one setting, or removes it when {@code value} is empty. */
    public void put(String name, Optional<String> value, String actor) throws StoreException {
        Transactions.inTransaction(db, tx -> {
            Sql.update(tx, "DELETE FROM station_settings WHERE setting_name = ?", name);
            if (value.isPresent()) {
                Sql.update(tx, "INSERT INTO station_settings (setting_name, setting_value) VALUES (?, ?)", name, value.get());
            }
            audit.append(tx, new AuditEvent(actor, "settings.changed", name, JsonText.of("value", value.orElse(""))));
            return null;
        });
    }

    private static String slotKey(int i) {
        return "slot." + i;
    }
}

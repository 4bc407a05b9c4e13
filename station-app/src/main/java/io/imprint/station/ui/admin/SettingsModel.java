package io.imprint.station.ui.admin;

import io.imprint.ca.profile.CertificateProfile;
import io.imprint.device.serial.JSerialCommPort;
import io.imprint.device.transport.PortIdentity;
import io.imprint.station.account.Permission;
import io.imprint.station.run.PortBinding;
import io.imprint.station.run.StationSettings;
import io.imprint.station.ui.ErrorDialogs;
import io.imprint.station.ui.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The admin's settings as data: station id, CA key URI, one port binding per slot, the serial ports
 * the station sees now, and the CA's certificate profiles (read-only: they live in ca.conf, edited by
 * the CA ceremony's owner). Non-admins see the same values and cannot save.
 *
 * <p>FX thread only.
 */
public final class SettingsModel {

    private final Session session;
    private final StringProperty stationId = new SimpleStringProperty("");
    private final StringProperty keyUri = new SimpleStringProperty("");
    private final StringProperty bindings = new SimpleStringProperty("");
    private final SimpleStringProperty message = new SimpleStringProperty("");
    private final ObservableList<String> ports = FXCollections.observableArrayList();
    private final ObservableList<String> profiles = FXCollections.observableArrayList();

    public SettingsModel(Session session) {
        this.session = session;
    }

    public boolean editable() {
        return session.may(Permission.EDIT_SETTINGS);
    }

    /** Reads the settings, the detected ports and the profiles in the background. */
    public void load() {
        var setup = session.station().orElseThrow().setup();
        StationSettings settings = session.settings();
        session.background().run(() -> new Loaded(settings.all(), session.bindings(), JSerialCommPort.list(),
                setup.caConfig().profiles().values().stream().map(SettingsModel::describe).sorted().toList(), setup.keyUri().toString()), l -> {
            stationId.set(l.settings().getOrDefault(StationSettings.STATION_ID, session.station().orElseThrow().setup().station().stationId()));
            keyUri.set(l.settings().getOrDefault(StationSettings.KEY_URI, l.keyUri()));
            bindings.set(String.join("\n", l.bindings().stream().map(PortBinding::encode).toList()));
            ports.setAll(l.ports().stream().map(SettingsModel::suggest).toList());
            profiles.setAll(l.profiles());
        });
    }

    private record Loaded(Map<String, String> settings, List<PortBinding> bindings, List<PortIdentity> ports, List<String> profiles, String keyUri) {
    }

    /** Saves; the station id and key URI apply at the next start, the bindings at the next batch start. */
    public void save() {
        if (!editable()) {
            message.set("Only an admin can change the settings");
            return;
        }
        List<PortBinding> parsed = new ArrayList<>();
        try {
            bindings.get().lines().filter(l -> !l.isBlank()).forEach(l -> parsed.add(PortBinding.parse(l)));
            if (parsed.size() > StationSettings.MAX_SLOTS) {
                throw new IllegalArgumentException("at most " + StationSettings.MAX_SLOTS + " slots");
            }
        } catch (IllegalArgumentException e) {
            message.set("Slot bindings: " + e.getMessage());
            return;
        }
        StationSettings settings = session.settings();
        String id = stationId.get().strip();
        String uri = keyUri.get().strip();
        String actor = session.actor();
        session.background().run(() -> {
            settings.put(StationSettings.STATION_ID, id.isEmpty() ? Optional.empty() : Optional.of(id), actor);
            settings.put(StationSettings.KEY_URI, uri.isEmpty() ? Optional.empty() : Optional.of(uri), actor);
            settings.bindSlots(parsed, actor);
            return parsed.size();
        }, n -> message.set("Saved: " + n + " slot(s). Bindings apply when the next batch starts; station id and key URI at the next start."),
                e -> message.set(ErrorDialogs.readable(e).lines().findFirst().orElse("Not saved")));
    }

    /** A detected port as the binding to paste: by USB serial number when it has one, else by location, else by path. */
    static String suggest(PortIdentity id) {
        PortBinding b = id.serialNumber().map(s -> (PortBinding) new PortBinding.BySerial(s))
                .or(() -> id.physicalLocation().map(PortBinding.ByLocation::new))
                .orElse(new PortBinding.ByPath(java.nio.file.Path.of(id.path())));
        return b.encode() + "    — " + id.describe();
    }

    static String describe(CertificateProfile p) {
        return p.name() + ": validity " + p.validity().map(d -> d.toDays() + " days").orElse("CA default")
                + ", EC curves " + String.join("/", p.ecCurves()) + (p.rsaMinBits() > 0 ? ", RSA ≥ " + p.rsaMinBits() : "")
                + p.organization().map(o -> ", O=" + o).orElse("");
    }

    public StringProperty stationIdProperty() {
        return stationId;
    }

    public StringProperty keyUriProperty() {
        return keyUri;
    }

    public StringProperty bindingsProperty() {
        return bindings;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ObservableList<String> ports() {
        return FXCollections.unmodifiableObservableList(ports);
    }

    public ObservableList<String> profiles() {
        return FXCollections.unmodifiableObservableList(profiles);
    }
}

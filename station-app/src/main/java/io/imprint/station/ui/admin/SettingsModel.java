package io.imprint.station.ui.admin;

import io.imprint.ca.profile.CertificateProfile;
import io.imprint.device.transport.PortIdentity;
import io.imprint.station.account.Permission;
import io.imprint.device.family.BoardFamily;
import io.imprint.station.run.PortBinding;
import io.imprint.station.run.SlotFamilies;
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
 * the station sees now, and the CA's certificate profiles (in ca.conf; a change applies at the next
 * start, like the station id). Non-admins see the same values and cannot save.
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
    private final ObservableList<String> profileNames = FXCollections.observableArrayList();
    private final StringProperty profileName = new SimpleStringProperty("");
    private final StringProperty profileValidity = new SimpleStringProperty("");
    private final StringProperty profileKeyTypes = new SimpleStringProperty("");
    private final StringProperty profileSanPrefix = new SimpleStringProperty("");
    private java.util.Map<String, CertificateProfile> loadedProfiles = java.util.Map.of();

    /** A binding line's optional suffix naming the slot's board family: {@code serial:ABC123 family=nrf91}. */
    static final String FAMILY = "family=";

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
        var profileSettings = session.profileSettings();
        session.background().run(() -> new Loaded(settings.all(), session.bindings(), session.launch().boardPorts().list(),
                profileSettings.current().profiles(), setup.keyUri().toString()), l -> {
            stationId.set(l.settings().getOrDefault(StationSettings.STATION_ID, session.station().orElseThrow().setup().station().stationId()));
            keyUri.set(l.settings().getOrDefault(StationSettings.KEY_URI, l.keyUri()));
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < l.bindings().size(); i++) {
                String family = l.settings().getOrDefault(SlotFamilies.slotKey(i + 1), SlotFamilies.AUTO);
                lines.add(l.bindings().get(i).encode() + (family.equals(SlotFamilies.AUTO) ? "" : " " + FAMILY + family));
            }
            bindings.set(String.join("\n", lines));
            ports.setAll(l.ports().stream().map(SettingsModel::suggest).toList());
            showProfiles(l.profiles());
        });
    }

    private record Loaded(Map<String, String> settings, List<PortBinding> bindings, List<PortIdentity> ports,
                          Map<String, CertificateProfile> profiles, String keyUri) {
    }

    private void showProfiles(Map<String, CertificateProfile> loaded) {
        loadedProfiles = loaded;
        profiles.setAll(loaded.values().stream().map(SettingsModel::describe).sorted().toList());
        profileNames.setAll(loaded.keySet().stream().sorted().toList());
        selectProfile(loaded.containsKey(profileName.get()) ? profileName.get() : profileNames.isEmpty() ? "" : profileNames.getFirst());
    }

    /** Fills the profile fields with {@code name}'s settings as ca.conf has them. */
    public void selectProfile(String name) {
        profileName.set(name);
        CertificateProfile p = loadedProfiles.get(name);
        if (p == null) {
            return;
        }
        profileValidity.set(p.validity().map(SettingsModel::iso).orElse("forever"));
        List<String> types = new ArrayList<>(p.ecCurves().stream().map(c -> c.equals("secp384r1") ? "p384" : "p256").sorted().toList());
        if (p.rsaEnabled()) {
            types.add("rsa");
        }
        profileKeyTypes.set(String.join(", ", types));
        profileSanPrefix.set(p.sanUriPrefix().orElse(""));
    }

    /** As ca.conf writes durations: whole days as {@code P7300D}, not {@code PT175200H}. */
    static String iso(java.time.Duration d) {
        return d.toSeconds() % 86_400 == 0 ? "P" + d.toDays() + "D" : d.toString();
    }

    /** Writes the selected profile's validity, key types and SAN prefix to ca.conf; applies at the next start. */
    public void saveProfile() {
        if (!editable()) {
            message.set("Only an admin can change the profiles");
            return;
        }
        String name = profileName.get();
        Map<String, String> values = Map.of("validity", profileValidity.get().strip(), "key-types", profileKeyTypes.get().strip(),
                "san-uri-prefix", profileSanPrefix.get().strip());
        var profileSettings = session.profileSettings();
        String actor = session.actor();
        session.background().run(() -> {
            profileSettings.change(name, values, actor);
            return profileSettings.current().profiles();
        }, loaded -> {
            showProfiles(loaded);
            message.set("Profile " + name + " saved to ca.conf: it applies when the station starts again.");
        }, e -> message.set("Profile " + name + " not saved: " + ErrorDialogs.readable(e).lines().findFirst().orElse("error")));
    }

    /** Saves; the station id and key URI apply at the next start, the bindings at the next batch start. */
    public void save() {
        if (!editable()) {
            message.set("Only an admin can change the settings");
            return;
        }
        List<PortBinding> parsed = new ArrayList<>();
        List<Optional<BoardFamily>> families = new ArrayList<>();
        try {
            bindings.get().lines().filter(l -> !l.isBlank()).forEach(l -> {
                String line = l.strip();
                int at = line.lastIndexOf(" " + FAMILY);
                families.add(at < 0 ? Optional.empty() : SlotFamilies.parse(line.substring(at + 1 + FAMILY.length()).strip(), "slot " + (families.size() + 1)));
                parsed.add(PortBinding.parse(at < 0 ? line : line.substring(0, at).strip()));
            });
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
            settings.bindSlots(parsed, families, actor);
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
        return p.name() + ": validity " + p.validity().map(SettingsModel::iso).orElse("forever")
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

    public ObservableList<String> profileNames() {
        return FXCollections.unmodifiableObservableList(profileNames);
    }

    public ReadOnlyStringProperty profileNameProperty() {
        return profileName;
    }

    public StringProperty profileValidityProperty() {
        return profileValidity;
    }

    public StringProperty profileKeyTypesProperty() {
        return profileKeyTypes;
    }

    public StringProperty profileSanPrefixProperty() {
        return profileSanPrefix;
    }

    public ObservableList<String> profiles() {
        return FXCollections.unmodifiableObservableList(profiles);
    }
}

package io.imprint.station.ui;

import io.imprint.station.account.Operator;
import io.imprint.station.account.Permission;
import io.imprint.station.run.PortBinding;
import io.imprint.station.run.StationSettings;
import io.imprint.station.run.Unlocked;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The station screen's state: how it was launched, the unlocked station (once a supervisor has
 * unlocked it) and who is logged in. Every screen reads it; only the login screen and log-out change
 * who is logged in.
 *
 * <p>FX thread only, except {@link #background()}, which is thread-safe.
 */
public final class Session implements AutoCloseable {

    private final StationLaunch launch;
    private final Background background = new Background();
    private final ObjectProperty<Operator> user = new SimpleObjectProperty<>();
    private final ObjectProperty<Unlocked> station = new SimpleObjectProperty<>();

    public Session(StationLaunch launch) {
        this.launch = launch;
    }

    public StationLaunch launch() {
        return launch;
    }

    public Background background() {
        return background;
    }

    public void unlocked(Unlocked u) {
        station.set(u);
    }

    public Optional<Unlocked> station() {
        return Optional.ofNullable(station.get());
    }

    public ReadOnlyObjectProperty<Unlocked> stationProperty() {
        return station;
    }

    public void logIn(Operator who) {
        user.set(who);
    }

    public void logOut() {
        user.set(null);
    }

    public ReadOnlyObjectProperty<Operator> userProperty() {
        return user;
    }

    public Optional<Operator> user() {
        return Optional.ofNullable(user.get());
    }

    public boolean may(Permission p) {
        return user().map(u -> u.may(p)).orElse(false);
    }

    /** The actor the audit trail records for the logged-in user. */
    public String actor() {
        return user().map(Operator::username).orElse("nobody");
    }

    /** The settings of the open station. */
    public StationSettings settings() {
        Unlocked u = station().orElseThrow();
        return new StationSettings(u.setup().station().db(), u.setup().station().audit());
    }

    /** The certificate profiles in the station's ca.conf, as the admin edits them. */
    public io.imprint.station.run.ProfileSettings profileSettings() {
        Unlocked u = station().orElseThrow();
        return new io.imprint.station.run.ProfileSettings(u.setup().caDirectory(), u.setup().station().db(), u.setup().station().audit());
    }

    /** The slots' bindings: the admin's from the settings, else the command line's. Slow: background only. */
    public List<PortBinding> bindings() throws io.imprint.station.store.StoreException {
        List<PortBinding> stored = settings().slots();
        return stored.isEmpty() ? launch.ports() : stored;
    }

    @Override
    public void close() {
        background.close();
        station().ifPresent(u -> u.setup().close());
    }
}

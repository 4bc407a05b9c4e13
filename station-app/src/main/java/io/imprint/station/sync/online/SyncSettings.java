package io.imprint.station.sync.online;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which targets the running station syncs to in the background, read from the station settings
 * ({@code sync.<target>.enabled}, {@code .rate}, {@code .endpoint}, {@code .region},
 * {@code sync.azure.connection-string-file}). Only where credentials are, never the credentials.
 *
 * <p>Immutable.
 */
public record SyncSettings(List<Target> targets) {

    public static final double DEFAULT_RATE = 10;

    /** One target the station syncs to. */
    public record Target(SyncTarget target, double rate, Registries.Options options) {
        public Target {
            if (!(rate > 0) || rate > 10_000) {
                throw new IllegalArgumentException("a sync rate is more than 0 and at most 10000 boards a second, not " + rate);
            }
        }
    }

    public SyncSettings {
        targets = List.copyOf(targets);
    }

    public static String key(SyncTarget t, String what) {
        return "sync." + t.id() + "." + what;
    }

    /** The settings' sync targets; a malformed value is an error naming the setting, not a silent default. */
    public static SyncSettings from(Map<String, String> settings) {
        List<Target> targets = new ArrayList<>();
        for (SyncTarget t : SyncTarget.values()) {
            if (!"true".equals(settings.get(key(t, "enabled")))) {
                continue;
            }
            double rate;
            try {
                rate = Double.parseDouble(settings.getOrDefault(key(t, "rate"), Double.toString(DEFAULT_RATE)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("setting " + key(t, "rate") + " is not a number: " + settings.get(key(t, "rate")));
            }
            Optional<URI> endpoint;
            try {
                endpoint = Optional.ofNullable(settings.get(key(t, "endpoint"))).map(URI::create);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("setting " + key(t, "endpoint") + " is not a URL: " + e.getMessage());
            }
            targets.add(new Target(t, rate, new Registries.Options(endpoint, Optional.ofNullable(settings.get(key(t, "region"))),
                    Optional.ofNullable(settings.get(key(t, "connection-string-file"))).map(Path::of))));
        }
        return new SyncSettings(targets);
    }

    /** The settings that say {@code target}: what {@code imprint sync configure} writes (empty values remove a setting). */
    public static Map<String, Optional<String>> of(Target target) {
        SyncTarget t = target.target();
        Map<String, Optional<String>> s = new LinkedHashMap<>();
        s.put(key(t, "enabled"), Optional.of("true"));
        s.put(key(t, "rate"), Optional.of(Double.toString(target.rate())));
        s.put(key(t, "endpoint"), target.options().endpoint().map(URI::toString));
        s.put(key(t, "region"), target.options().region());
        s.put(key(t, "connection-string-file"), target.options().connectionStringFile().map(Path::toString));
        return s;
    }
}

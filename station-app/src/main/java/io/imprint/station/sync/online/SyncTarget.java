package io.imprint.station.sync.online;

import java.util.Locale;
import java.util.Optional;

/** A cloud registry the station syncs to online; its name is what the outbox's deliveries record. */
public enum SyncTarget {
    AWS, AZURE;

    /** The name as commands and the database spell it: {@code aws}, {@code azure}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<SyncTarget> named(String id) {
        for (SyncTarget t : values()) {
            if (t.id().equalsIgnoreCase(id)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}

package io.imprint.station.store;

import java.nio.file.Path;

/**
 * Child process standing in for a running station: opens the database at {@code args[0]}, prints
 * {@code OPEN}, and holds it until its stdin ends. If opening fails it prints
 * {@code REFUSED <message>} and exits with 2, so a parent can see the StoreException's own words.
 *
 * <p>Not thread-safe: one thread, one process.
 */
public final class HoldingStation {

    private HoldingStation() {
    }

    public static void main(String[] args) throws Exception {
        StationDatabase db;
        try {
            db = StationDatabase.open(Path.of(args[0]));
        } catch (StoreException e) {
            System.out.println("REFUSED " + e.getMessage().replace('\n', ' '));
            System.out.flush();
            System.exit(2);
            return;
        }
        try (db) {
            System.out.println("OPEN");
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        System.out.println("CLOSED");
    }
}

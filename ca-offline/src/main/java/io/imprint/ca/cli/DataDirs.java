package io.imprint.ca.cli;

import java.nio.file.Path;

/** Where Imprint keeps its data: {@code $IMPRINT_HOME}, else {@code $XDG_DATA_HOME/imprint}, else {@code ~/.local/share/imprint}. */
public final class DataDirs {

    private DataDirs() {
    }

    public static Path home() {
        String explicit = System.getenv("IMPRINT_HOME");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "imprint");
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "imprint");
    }
}

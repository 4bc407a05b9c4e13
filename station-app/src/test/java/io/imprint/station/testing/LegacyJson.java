package io.imprint.station.testing;

import io.imprint.station.audit.StationKeys;
import io.imprint.station.store.StationDatabase;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.zip.GZIPInputStream;

/**
 * The data the hand-written JSON code wrote before Jackson ({@code src/test/resources/legacy-json}, see its
 * README): a station H2 file, its audit export and the public key that signed them. Not thread-safe.
 */
public final class LegacyJson {

    /** The text the fixtures' trickiest values hold (as {@code LegacyFixtureGenerator.java.txt} wrote it). */
    public static final String TRICKY = "quote \" backslash \\ slash / nl \n cr \r tab \t bs \b ff \f nul \u0000 us \u001f del \u007f nel \u0085"
            + " ls \u2028 ps \u2029 ü € 漢 emoji 😀 end";

    private LegacyJson() {
    }

    /** A fixture file, read-only: copy it before changing it. */
    public static Path file(String name) {
        try {
            return Path.of(LegacyJson.class.getResource("/legacy-json/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of the old station database in {@code dir}, opened (Flyway finds nothing to migrate). */
    public static StationDatabase openStation(Path dir) throws Exception {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file("station.mv.db.gz")))) {
            Files.copy(in, dir.resolve("station.mv.db"));
        }
        return StationDatabase.open(dir.resolve("station"));
    }

    public static PublicKey stationKey() throws Exception {
        return StationKeys.readPem(file("station-public.pem"));
    }
}

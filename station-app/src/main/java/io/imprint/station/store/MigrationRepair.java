package io.imprint.station.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Puts right the one migration that was edited after it had landed: V5 gained the counted_devices
 * column in cec2ff4, so batch logs made between that commit and its revert recorded another checksum
 * for V5 than the file now has (its first bytes again, the column moved to V10). Their V5 history row
 * is given the first checksum, exactly for that one known edited checksum and nothing else, before
 * Flyway validates. Every other mismatch still stops the station: MigrationChecksumTest pins each
 * landed migration so this never has to happen again.
 *
 * <p>Stateless and thread-safe.
 */
final class MigrationRepair {

    /** Flyway's checksum of V5 as it first landed (bb0bcf6) and as edited in cec2ff4. */
    static final int V5_LANDED = -1755449332;
    static final int V5_EDITED = 316168696;

    private MigrationRepair() {
    }

    /** @return how many history rows were repaired (0 or 1) */
    static int repair(DataSource data) {
        try (Connection c = data.getConnection()) {
            try (ResultSet tables = c.getMetaData().getTables(null, null, "flyway_schema_history", null)) {
                if (!tables.next()) {
                    return 0; // a new batch log: nothing applied yet
                }
            }
            try (PreparedStatement fix = c.prepareStatement(
                    "UPDATE \"flyway_schema_history\" SET \"checksum\" = ? WHERE \"version\" = '5' AND \"checksum\" = ?")) {
                fix.setInt(1, V5_LANDED);
                fix.setInt(2, V5_EDITED);
                return fix.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the batch log's migration history: " + e.getMessage(), e);
        }
    }
}

package io.imprint.station.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Small JDBC helpers so the repositories read as SQL and not as plumbing. Parameters may be Strings,
 * numbers, Instants (stored as timestamps) or null.
 *
 * <p>Stateless and thread-safe.
 */
public final class Sql {

    /** Maps one row. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private Sql() {
    }

    public static int update(Connection tx, String sql, Object... params) throws StoreException {
        try (PreparedStatement ps = prepare(tx, sql, params)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("batch log write failed (" + firstWords(sql) + "): " + e.getMessage(), e);
        }
    }

    /** Inserts and returns the generated key. */
    public static long insert(Connection tx, String sql, Object... params) throws StoreException {
        try (PreparedStatement ps = tx.prepareStatement(sql, java.sql.Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, params);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("batch log write failed (" + firstWords(sql) + "): " + e.getMessage(), e);
        }
    }

    public static <T> List<T> query(Connection tx, String sql, Row<T> row, Object... params) throws StoreException {
        try (PreparedStatement ps = prepare(tx, sql, params); ResultSet rs = ps.executeQuery()) {
            List<T> list = new ArrayList<>();
            while (rs.next()) {
                list.add(row.map(rs));
            }
            return list;
        } catch (SQLException e) {
            throw new StoreException("batch log read failed (" + firstWords(sql) + "): " + e.getMessage(), e);
        }
    }

    public static long count(Connection tx, String sql, Object... params) throws StoreException {
        return query(tx, sql, rs -> rs.getLong(1), params).getFirst();
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static PreparedStatement prepare(Connection tx, String sql, Object... params) throws SQLException {
        PreparedStatement ps = tx.prepareStatement(sql);
        bind(ps, params);
        return ps;
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            ps.setObject(i + 1, p instanceof Instant t ? Timestamp.from(t) : p);
        }
    }

    private static String firstWords(String sql) {
        String[] w = sql.strip().split("\\s+");
        return w.length > 2 ? w[0] + " " + w[1] + " " + w[2] : sql;
    }
}

package io.imprint.station.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Row number n of the durability runs: a batch whose work order is n and one certificate of it, both
 * derived from n alone, so a reader can tell a present-and-intact row from a missing or torn one.
 *
 * <p>Immutable and thread-safe.
 */
record DurabilityRows(long n, String product, int quantity, String pem, String sha256) {

    private static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");

    static DurabilityRows expected(long n) {
        String pem = pem(n);
        return new DurabilityRows(n, "board-" + n, 1 + (int) (n % 1000), pem, sha256(pem));
    }

    /** One more than the highest work order in the file: where a resumed writer carries on. */
    static long next(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(CAST(batch_id AS BIGINT)), 0) FROM batches")) {
            rs.next();
            return rs.getLong(1) + 1;
        }
    }

    /** Both rows of n, in the caller's transaction. */
    static void insert(Connection c, long n) throws SQLException {
        DurabilityRows row = expected(n);
        OffsetDateTime at = OffsetDateTime.ofInstant(ISSUED.plusSeconds(n), ZoneOffset.UTC);
        try (PreparedStatement batch = c.prepareStatement(
                "INSERT INTO batches (batch_id, product, role, quantity, strategy, profile, status, attributes,"
                        + " created_by, created_at) VALUES (?, ?, 'durability', ?, 'KEY_ON_BOARD', 'test', 'OPEN',"
                        + " '{}', 'durability-writer', ?)");
             PreparedStatement cert = c.prepareStatement(
                "INSERT INTO certificates (serial, device_id, batch_id, profile, pem, sha256, public_key_sha256,"
                        + " not_before, not_after, status, issued_at) VALUES (?, ?, ?, 'test', ?, ?, ?, ?, ?,"
                        + " 'ISSUED', ?)")) {
            batch.setString(1, Long.toString(n));
            batch.setString(2, row.product());
            batch.setInt(3, row.quantity());
            batch.setObject(4, at);
            batch.executeUpdate();
            cert.setString(1, HexFormat.of().toHexDigits(n));
            cert.setString(2, "device-" + n);
            cert.setString(3, Long.toString(n));
            cert.setString(4, row.pem());
            cert.setString(5, row.sha256());
            cert.setString(6, sha256("key-" + n));
            cert.setObject(7, at);
            cert.setObject(8, at.plusYears(20));
            cert.setObject(9, at);
            cert.executeUpdate();
        }
    }

    /** Every batch with its certificate as stored, by work order. */
    static Map<Long, DurabilityRows> read(Connection c) throws SQLException {
        Map<Long, DurabilityRows> rows = new HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT b.batch_id, b.product, b.quantity, c.pem, c.sha256"
                     + " FROM batches b LEFT JOIN certificates c ON c.batch_id = b.batch_id")) {
            while (rs.next()) {
                long n = Long.parseLong(rs.getString(1));
                rows.put(n, new DurabilityRows(n, rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5)));
            }
        }
        return rows;
    }

    /** A PEM-shaped block of about 600 characters, the size of a real device certificate. */
    private static String pem(long n) {
        byte[] body = new byte[448];
        byte[] block = digest(("certificate-" + n).getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < body.length; i += block.length) {
            System.arraycopy(block, 0, body, i, Math.min(block.length, body.length - i));
            block = digest(block);
        }
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(body)
                + "\n-----END CERTIFICATE-----\n";
    }

    private static String sha256(String text) {
        return HexFormat.of().formatHex(digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

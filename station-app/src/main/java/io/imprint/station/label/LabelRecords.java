package io.imprint.station.label;

import io.imprint.station.store.Sql;
import io.imprint.station.store.StoreException;
import java.sql.Connection;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The labels' rows of the batch log: {@code label_settings}, and what a label shows of a board (its
 * certificate's serial and fingerprint, the batch's product).
 *
 * <p>Stateless and thread-safe; each call runs in the caller's transaction.
 */
final class LabelRecords {

    private static final String FIELDS = "SELECT c.device_id, c.sha256, c.batch_id, c.serial, b.product FROM certificates c"
            + " JOIN batches b ON b.batch_id = c.batch_id ";
    /** A provisioned board's fields: its own certificate, or for a CLAIM batch the claim certificate it was given. */
    private static final String DEVICE_FIELDS = "SELECT d.device_id, COALESCE(c.sha256, r.certificate_sha256, ''), d.batch_id, COALESCE(c.serial, ''),"
            + " b.product FROM devices d JOIN batches b ON b.batch_id = d.batch_id LEFT JOIN certificates c ON c.serial = d.certificate_serial"
            + " LEFT JOIN claim_recipients r ON r.batch_id = d.batch_id AND r.device_id = d.device_id"
            + " WHERE d.batch_id = ? AND d.status = 'PROVISIONED' ";

    /** A batch's settings; empty when none were ever set. A row the station cannot read is a refusal naming it. */
    Optional<LabelSettings> settings(Connection tx, String batchId) throws StoreException, LabelException {
        List<String[]> rows = Sql.query(tx, "SELECT enabled, printer, qr_template, line_templates, width_mm, height_mm, dpi FROM label_settings"
                + " WHERE batch_id = ?", rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7)}, batchId);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        String[] r = rows.getFirst();
        List<String> lines = r[3].isEmpty() ? List.of() : Arrays.asList(r[3].split("\n", -1));
        LabelSize size;
        try {
            size = new LabelSize(Integer.parseInt(r[4]), Integer.parseInt(r[5]), Integer.parseInt(r[6]));
        } catch (IllegalArgumentException e) {
            throw LabelException.refused("the label settings of batch " + batchId + " have a bad size: " + e.getMessage());
        }
        return Optional.of(new LabelSettings(batchId, Boolean.parseBoolean(r[0]), LabelPrinter.parse(r[1]), LabelTemplate.of(r[2], lines), size));
    }

    void save(Connection tx, LabelSettings s, String by, Instant at) throws StoreException {
        Object[] values = {s.enabled(), s.printer().target(), s.template().qr(), String.join("\n", s.template().lines()), s.size().widthMm(),
                s.size().heightMm(), s.size().dpi(), by, at, s.batchId()};
        if (Sql.update(tx, "UPDATE label_settings SET enabled = ?, printer = ?, qr_template = ?, line_templates = ?, width_mm = ?, height_mm = ?,"
                + " dpi = ?, changed_by = ?, changed_at = ? WHERE batch_id = ?", values) == 0) {
            Sql.update(tx, "INSERT INTO label_settings (enabled, printer, qr_template, line_templates, width_mm, height_mm, dpi, changed_by,"
                    + " changed_at, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values);
        }
    }

    Optional<String> product(Connection tx, String batchId) throws StoreException {
        return Sql.query(tx, "SELECT product FROM batches WHERE batch_id = ?", rs -> rs.getString(1), batchId).stream().findFirst();
    }

    /** The board a certificate was issued to, as its label shows it. */
    Optional<LabelFields> byCertificate(Connection tx, String serial) throws StoreException {
        return Sql.query(tx, FIELDS + "WHERE c.serial = ?", LabelRecords::fields, serial).stream().findFirst();
    }

    /** A board of the batch that is PROVISIONED, with its one valid certificate (or its claim). */
    Optional<LabelFields> provisioned(Connection tx, String batchId, String deviceId) throws StoreException {
        return Sql.query(tx, DEVICE_FIELDS + "AND d.device_id = ?", LabelRecords::fields, batchId, deviceId).stream().findFirst();
    }

    /** Takes one board at a time; may stop the walk by throwing. */
    @FunctionalInterface
    interface Each {
        void accept(LabelFields board) throws LabelException;
    }

    /**
     * Every PROVISIONED board of the batch with its one valid certificate, in device id order, handed over
     * as the rows are read: a sheet of 100,000 labels never holds more than a page of them.
     */
    void eachProvisioned(Connection tx, String batchId, Each each) throws StoreException, LabelException {
        String sql = DEVICE_FIELDS + "ORDER BY d.device_id";
        try (java.sql.PreparedStatement ps = tx.prepareStatement(sql)) {
            ps.setFetchSize(500);
            ps.setString(1, batchId);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(fields(rs));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new StoreException("batch log read failed (the provisioned boards of " + batchId + "): " + e.getMessage(), e);
        }
    }

    private static LabelFields fields(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new LabelFields(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
    }
}

package io.imprint.station.audit;

import io.imprint.station.store.StationDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

/** Builds audit trails for tests and tampers with them the way someone with database access would. */
final class AuditFixture {

    private AuditFixture() {
    }

    /** Appends events {@code from}..{@code to}, each in its own committed transaction, as the engine would. */
    static void appendEvents(StationDatabase db, AuditTrail trail, int from, int to) throws Exception {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            for (int i = from; i <= to; i++) {
                trail.append(c, event(i));
                c.commit();
            }
        }
    }

    /** Event {@code i}: varied text, including separators, quotes, newlines and non-ASCII, since all are hashed. */
    static AuditEvent event(int i) {
        String[] actions = {"batch.open", "device.provisioned", "device.failed", "operator.login"};
        return new AuditEvent(i % 3 == 0 ? "alice" : "bob", actions[i % actions.length], "SN-" + i,
                "{\"slot\":" + (i % 8) + ",\"note\":\"a:b,c\\n \\\"q\\\" ü €\"}");
    }

    static int update(StationDatabase db, String sql, Object... params) throws Exception {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        }
    }

    static long count(StationDatabase db, String table) throws Exception {
        try (Connection c = db.connection(); var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<String> messages(AuditVerification result) {
        return result.findings().stream().map(f -> (f.warning() ? "warning: " : "") + f.message()).toList();
    }
}

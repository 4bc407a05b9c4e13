package io.imprint.station.audit;

import io.imprint.station.store.StoreException;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Appends events to the hash-chained audit trail and signs its head. Works inside the caller's
 * transaction: an engine state change and its audit event commit together or not at all.
 *
 * <p>Appenders serialise on the {@code audit_head} row, which they UPDATE first and hold until their
 * transaction ends; call {@link #append} late in a transaction to keep that lock short. Every
 * {@code checkpointEvery}-th append also waits for the token to sign while holding it. A connection
 * in auto-commit mode gets a transaction of its own for the call.
 *
 * <p>Thread-safe: holds no mutable state; each caller brings its own connection.
 */
public final class AuditTrail {

    private final String stationId;
    private final ChainSigner signer;
    private final int checkpointEvery;
    private final Clock clock;
    private final String signerKeyId;

    /**
     * @param checkpointEvery sign the head whenever the new seq is a multiple of this (at least 1)
     */
    public AuditTrail(String stationId, ChainSigner signer, int checkpointEvery, Clock clock) {
        if (stationId == null || stationId.isBlank() || stationId.length() > 64) {
            throw new IllegalArgumentException("station id must be 1 to 64 characters, not '" + stationId + "'");
        }
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpointEvery must be at least 1, not " + checkpointEvery);
        }
        String expected = StationKeys.signatureAlgorithm(signer.publicKey());
        if (!expected.equals(signer.algorithm())) {
            // Verifiers derive the algorithm from the key; a signer using another would never verify.
            throw new IllegalArgumentException("signer uses " + signer.algorithm() + " but verifiers expect " + expected + " for its key");
        }
        this.stationId = stationId;
        this.signer = signer;
        this.checkpointEvery = checkpointEvery;
        this.clock = clock;
        this.signerKeyId = StationKeys.keyId(signer.publicKey());
    }

    /**
     * Appends {@code event} in {@code tx}; returns its seq. Signs the head too when the seq is due.
     * On failure (the token cannot sign, the database refuses) the chain is left as it was and the
     * caller's transaction is still open: roll it back, since its change now has no event.
     */
    public long append(Connection tx, AuditEvent event) throws StoreException {
        return Transactions.within(tx, "append audit event " + event.action(), () -> {
            long seq;
            String prevHash;
            // One statement takes the next seq and locks the head row until the transaction ends.
            try (PreparedStatement next = tx.prepareStatement("SELECT seq, hash FROM FINAL TABLE (UPDATE audit_head SET seq = seq + 1 WHERE id = 1)");
                 ResultSet rs = next.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException("the audit_head row is missing: the audit trail schema is damaged");
                }
                seq = rs.getLong(1);
                prevHash = rs.getString(2);
            }
            AuditRow row = AuditRow.seal(seq, clock.instant(), stationId, event, prevHash);
            insert(tx, row);
            try (PreparedStatement update = tx.prepareStatement("UPDATE audit_head SET hash = ? WHERE id = 1")) {
                update.setString(1, row.hash());
                update.executeUpdate();
            }
            if (seq % checkpointEvery == 0) {
                sign(tx, seq, row.hash());
            }
            return seq;
        });
    }

    /**
     * Signs the current head (at batch close), unless it is signed already or the trail is empty.
     * Locks the head row, so no append slips between reading the head and signing it.
     */
    public void checkpoint(Connection tx) throws StoreException {
        Transactions.within(tx, "checkpoint the audit trail", () -> {
            long seq;
            String hash;
            try (PreparedStatement head = tx.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE");
                 ResultSet rs = head.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException("the audit_head row is missing: the audit trail schema is damaged");
                }
                seq = rs.getLong(1);
                hash = rs.getString(2);
            }
            if (seq > 0 && !signed(tx, seq)) {
                sign(tx, seq, hash);
            }
            return null;
        });
    }

    private void insert(Connection tx, AuditRow row) throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement("INSERT INTO audit_events "
                + "(seq, occurred_at, station_id, actor, action, subject, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, row.seq());
            insert.setObject(2, utc(row.occurredAt()));
            insert.setString(3, row.stationId());
            insert.setString(4, row.actor());
            insert.setString(5, row.action());
            insert.setString(6, row.subject());
            insert.setString(7, row.details());
            insert.setString(8, row.prevHash());
            insert.setString(9, row.hash());
            insert.executeUpdate();
        }
    }

    private static boolean signed(Connection tx, long seq) throws SQLException {
        try (PreparedStatement query = tx.prepareStatement("SELECT 1 FROM audit_checkpoints WHERE seq = ?")) {
            query.setLong(1, seq);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void sign(Connection tx, long seq, String headHash) throws SQLException, StoreException {
        Instant signedAt = ChainEncoding.truncate(clock.instant());
        byte[] signature;
        try {
            signature = signer.sign(ChainEncoding.checkpointMessage(seq, headHash, signedAt));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new StoreException("cannot sign the audit chain head at row " + seq + ": " + e.getMessage(), e);
        }
        try (PreparedStatement known = tx.prepareStatement("INSERT INTO audit_signers (signer_key_id, public_key, first_used_at) "
                + "SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM audit_signers WHERE signer_key_id = ?)")) {
            known.setString(1, signerKeyId);
            known.setBytes(2, StationKeys.spki(signer.publicKey()));
            known.setObject(3, utc(signedAt));
            known.setString(4, signerKeyId);
            known.executeUpdate();
        }
        try (PreparedStatement insert = tx.prepareStatement(
                "INSERT INTO audit_checkpoints (seq, head_hash, signed_at, signature, signer_key_id) VALUES (?, ?, ?, ?, ?)")) {
            insert.setLong(1, seq);
            insert.setString(2, headHash);
            insert.setObject(3, utc(signedAt));
            insert.setBytes(4, signature);
            insert.setString(5, signerKeyId);
            insert.executeUpdate();
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

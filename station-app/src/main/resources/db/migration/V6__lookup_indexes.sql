-- Look-ups by what QA asks about: a board, a batch.
-- Tracing one board (imprint trace, the station's search box) and the per-device columns of a batch
-- report look attempts up by device id and audit events by what they name (a device id or one of its
-- certificate serials): without these, each look-up read the whole table.
CREATE INDEX attempts_by_device ON attempts (device_id);
CREATE INDEX audit_events_by_subject ON audit_events (subject);

-- A batch report lists the batch's revoked certificates: without this it read every certificate row of
-- the batch (PEM and all) to find the few revoked ones.
CREATE INDEX certificates_by_batch_status ON certificates (batch_id, status);


-- A batch report's device table needs each certificate's fingerprint and expiry: read from this index,
-- not from the certificate rows, which hold the PEM (docs/PERFORMANCE.md, "Batch reports").
CREATE INDEX certificates_fingerprints ON certificates (serial, sha256, not_after);

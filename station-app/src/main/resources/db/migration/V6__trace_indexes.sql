-- Tracing one board (imprint trace, the station's search box) and the per-device columns of a batch
-- report look attempts up by device id and audit events by what they name (a device id or one of its
-- certificate serials): without these, each look-up read the whole table.
CREATE INDEX attempts_by_device ON attempts (device_id);
CREATE INDEX audit_events_by_subject ON audit_events (subject);

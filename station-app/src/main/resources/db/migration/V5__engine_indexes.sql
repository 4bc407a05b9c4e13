-- The engine's quota check counts a batch's devices inside every board's first commit; without an
-- index it read the whole devices table, a cost that grew with every board the station ever made.
CREATE INDEX devices_by_batch_status ON devices (batch_id, status);

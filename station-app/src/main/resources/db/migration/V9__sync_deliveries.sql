-- Issue 12: the online sync's deliveries, one per outbox entry and target (aws, azure). The sync marks an
-- entry synced for a target here, in the same transaction that records the registry's answer.
--
-- V1's sync_outbox.synced_at and sync_outbox.target are no longer written: one entry goes to several
-- targets, so the outbox keeps the fact (what the registries must learn) and this table keeps, per target,
-- whether they have learned it. Existing values (none was ever written) mean nothing.
--
-- state: PENDING  not yet answered (tries and last_error say what the last try met; next_try_at when to retry)
--        SYNCED   the registry holds it (registry_id: its id there, e.g. the AWS certificate id)
--        FAILED   refused for good, or not buildable from the log (last_error says why and what to do)
--        CONFLICT the registry holds the device with another certificate: reconcile says what to do
--        SKIPPED  nothing to send to this target (a CLAIM board: the cloud admits it from these records)
-- last_error never holds a credential, a signature or a request: only the registry's error code and message.
CREATE TABLE sync_deliveries (
    entry_id    BIGINT       NOT NULL REFERENCES sync_outbox (entry_id),
    target      VARCHAR(16)  NOT NULL CHECK (target IN ('aws', 'azure')),
    state       VARCHAR(16)  NOT NULL CHECK (state IN ('PENDING', 'SYNCED', 'FAILED', 'CONFLICT', 'SKIPPED')),
    tries       INT          DEFAULT 0 NOT NULL,
    next_try_at TIMESTAMP WITH TIME ZONE,
    last_error  VARCHAR(512),
    registry_id VARCHAR(256),
    synced_at   TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (entry_id, target)
);
-- "The next due entries for target T, in entry order", and the counts per state the status shows.
CREATE INDEX sync_deliveries_due ON sync_deliveries (target, state, entry_id);

-- The audit trail: append-only events, each holding the SHA-256 of the one before, and checkpoints
-- where the station's key (in the token) signed the chain head. The hash encoding is documented in
-- io.imprint.station.audit.ChainEncoding; offline verifiers reproduce it from an export.

CREATE TABLE audit_events (
    seq         BIGINT         PRIMARY KEY CHECK (seq > 0),   -- 1, 2, 3, … without gaps
    occurred_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,          -- UTC, microseconds: the precision hashed
    station_id  VARCHAR(64)    NOT NULL,
    actor       VARCHAR(64)    NOT NULL,                      -- an operator's user name, or 'system'
    action      VARCHAR(64)    NOT NULL,
    subject     VARCHAR(256)   NOT NULL,                      -- what the action was about; '' when nothing
    details     VARCHAR(65536) NOT NULL,                      -- JSON text, hashed byte for byte as stored
    prev_hash   CHAR(64)       NOT NULL,                      -- hex SHA-256 of the event before; 64 zeros for seq 1
    hash        CHAR(64)       NOT NULL
);

-- Public keys that signed checkpoints, so an export can carry them for information. Verifiers check
-- signatures against a key they trust (imprint audit verify --station-key), never only this table.
CREATE TABLE audit_signers (
    signer_key_id CHAR(64)        PRIMARY KEY,                -- hex SHA-256 of the DER SubjectPublicKeyInfo
    public_key    VARBINARY(4096) NOT NULL,                   -- the DER SubjectPublicKeyInfo
    first_used_at TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

CREATE TABLE audit_checkpoints (
    seq           BIGINT          PRIMARY KEY REFERENCES audit_events (seq),  -- the event whose hash is sealed
    head_hash     CHAR(64)        NOT NULL,
    signed_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    signature     VARBINARY(1024) NOT NULL,                   -- DER signature over ChainEncoding.checkpointMessage
    signer_key_id CHAR(64)        NOT NULL                    -- no foreign key: a copy may name a key this station never had
);

-- The chain head. Appenders UPDATE this row first, so they queue on its lock inside their own
-- transactions, and a rolled-back transaction takes its head change with it.
CREATE TABLE audit_head (
    id   INT      PRIMARY KEY CHECK (id = 1),
    seq  BIGINT   NOT NULL,
    hash CHAR(64) NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

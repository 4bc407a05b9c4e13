-- Operator accounts (issue 6). V1 made the operators table; this adds what logging in needs.
-- password_hash is 'pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>' (io.imprint.station.account.PasswordHash);
-- failed_logins and locked_until are here, not in memory, so a restart does not reset a lockout.

-- Nothing wrote operators before V3, so no row lacks a hash.
ALTER TABLE operators ALTER COLUMN password_hash SET NOT NULL;

-- What a keyboard-wedge badge scanner types; NULL for an account without a badge.
ALTER TABLE operators ADD COLUMN badge VARCHAR(64);
ALTER TABLE operators ADD CONSTRAINT operators_badge_unique UNIQUE (badge);

-- 'Alice' and 'alice' are one account: people type names in whatever case, and the audit trail must
-- not show two users who look the same. Names are kept as created and looked up by this key.
ALTER TABLE operators ADD COLUMN user_key VARCHAR(64) GENERATED ALWAYS AS (LOWER(user_name));
ALTER TABLE operators ADD CONSTRAINT operators_user_key_unique UNIQUE (user_key);

-- Accounts are disabled, never deleted: the audit trail and the batch log keep naming them.
ALTER TABLE operators ADD COLUMN disabled_at TIMESTAMP WITH TIME ZONE;

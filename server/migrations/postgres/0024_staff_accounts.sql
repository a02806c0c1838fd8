-- Issue 22 point 3 (staff accounts): a forced change of a generated password, a second factor
-- (TOTP), its recovery codes, and the short-lived state between the password and the code.

-- Set when an admin generated the password (account creation, reset): the account may do
-- nothing but change it.
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;

-- One TOTP secret per account, encrypted under the server's TOTP key (the account's id is
-- the cipher's associated data). Enabled once a first code confirmed it; `last_step` is the
-- newest time step a code was accepted for, so a code is never taken twice.
CREATE TABLE staff_totp (
    user_id    TEXT PRIMARY KEY REFERENCES users(id),
    secret     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    enabled_at TEXT,
    last_step  BIGINT
);

-- One-time recovery codes, kept as hashes; each works once.
CREATE TABLE totp_recovery_codes (
    user_id   TEXT NOT NULL REFERENCES users(id),
    code_hash TEXT NOT NULL,
    used_at   TEXT,
    PRIMARY KEY (user_id, code_hash)
);

-- A right password for an account with a second factor: waiting for the code (minutes, not
-- a session; only the token's hash is kept).
CREATE TABLE pending_sign_ins (
    token_hash TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL REFERENCES users(id),
    expires_at TEXT NOT NULL
);
CREATE INDEX pending_sign_ins_expires ON pending_sign_ins(expires_at);

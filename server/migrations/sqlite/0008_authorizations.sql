-- Verification authorizations (核对授权书): the records themselves live in `records` (kind
-- 'authorization'); these tables hold what the server adds and looks up.

-- The authorization texts loaded by an administrator (the built-in one is loaded at start).
CREATE TABLE authorization_texts (
    version   TEXT PRIMARY KEY,
    body      TEXT NOT NULL,          -- domain::authorization::AuthorizationText as JSON
    loaded_at TEXT NOT NULL,
    loaded_by TEXT NOT NULL
);

-- Every countersigning key the server ever used, published with the period it signed in.
CREATE TABLE authorization_keys (
    key_id      TEXT PRIMARY KEY,
    public_key  TEXT NOT NULL,        -- Ed25519, hex
    valid_from  TEXT NOT NULL,
    valid_until TEXT                  -- set when the key is retired
);

-- One row per countersigned authorization, for look-ups by number and by household.
CREATE TABLE authorizations (
    id               TEXT PRIMARY KEY,
    number           TEXT NOT NULL UNIQUE,   -- domain::authorization::number
    household_id     TEXT NOT NULL,
    valid_from       TEXT NOT NULL,
    valid_until      TEXT NOT NULL,
    countersigned_at TEXT NOT NULL,
    revoked_at       TEXT
);
CREATE INDEX authorizations_household ON authorizations(household_id);

-- The photos of signers holding their ID card (in-person checks): specially protected,
-- never in a record body, readable only by the verification team.
CREATE TABLE authorization_evidence (
    authorization_id TEXT NOT NULL,
    member_id        TEXT NOT NULL,
    sha256           TEXT NOT NULL,
    PRIMARY KEY (authorization_id, member_id)
);

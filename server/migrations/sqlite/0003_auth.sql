-- Sign-in: sessions (only a hash of the cookie's token is kept), failed attempts for the
-- lockout, and one-time codes for residents (hashed too).
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id),
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    ended_at     TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE auth_failures (
    key TEXT NOT NULL,      -- 'account:<name or phone>' or 'address:<ip>'
    at  TEXT NOT NULL
);
CREATE INDEX auth_failures_key_at ON auth_failures(key, at);

CREATE TABLE otp_codes (
    phone      TEXT NOT NULL,
    code_hash  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX otp_codes_phone ON otp_codes(phone, created_at);

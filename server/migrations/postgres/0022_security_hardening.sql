-- Issue 22 (security hardening).
-- Attempts are counted before they are checked and uncounted when they succeed: each counted
-- row names its attempt. Rows are purged by age whatever their key.
ALTER TABLE auth_failures ADD COLUMN attempt TEXT;
CREATE INDEX auth_failures_attempt ON auth_failures(attempt);
CREATE INDEX auth_failures_at ON auth_failures(at);

-- One-time codes: wrong tries are counted (five cancel the code), a newer code cancels the
-- older ones, and codes are kept as HMAC-SHA256 under a server key. Codes stored the old way
-- (plain SHA-256) can never match again: they go.
DELETE FROM otp_codes;
ALTER TABLE otp_codes ADD COLUMN wrong_tries BIGINT NOT NULL DEFAULT 0;
CREATE INDEX otp_codes_expires ON otp_codes(expires_at);

-- The audit chain: every change and every read of full personal data, each entry carrying the
-- hash of the one before. Append-only: updates and deletes are refused by triggers.
CREATE TABLE audit_log (
    seq         BIGINT PRIMARY KEY,
    at          TEXT NOT NULL,
    actor_user  TEXT,
    actor_role  TEXT,
    action      TEXT NOT NULL,
    record_kind TEXT,
    record_id   TEXT,
    place_code  TEXT,
    detail      TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);

CREATE TABLE audit_head (
    id   BIGINT PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
    VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
-- Nobody but the owner may even try; run the server as an account that does not own the
-- tables (see README, PostgreSQL) and it cannot drop the triggers either.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC;

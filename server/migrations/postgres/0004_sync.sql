-- Sync: every synced record as JSON with its access scope, the change log that pulls read,
-- the operations already applied (exactly once), and the change sequence's head.
CREATE TABLE records (
    kind       TEXT NOT NULL,
    id         TEXT NOT NULL,
    version    BIGINT NOT NULL,
    scope      TEXT NOT NULL,          -- domain::jurisdiction::RecordScope as JSON
    place_code TEXT NOT NULL,          -- scope.place, for indexed lookups
    body       TEXT NOT NULL,
    seq        BIGINT NOT NULL,       -- the change that wrote this version
    scope_since BIGINT NOT NULL,      -- the change since which the scope is what it is
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (kind, id)
);
CREATE INDEX records_place ON records(place_code);

CREATE TABLE changes (
    seq             BIGINT PRIMARY KEY,
    kind            TEXT NOT NULL,
    record_id       TEXT NOT NULL,
    scope           TEXT NOT NULL,
    prev_scope      TEXT,              -- the scope before, when this change moved the record
    prev_since      BIGINT,            -- since when the record had prev_scope
    place_code      TEXT NOT NULL,
    prev_place_code TEXT
);
CREATE INDEX changes_record ON changes(kind, record_id);

CREATE TABLE sync_head (
    id  BIGINT PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL
);
INSERT INTO sync_head (id, seq) VALUES (1, 0);

CREATE TABLE sync_ops (
    op_id      TEXT PRIMARY KEY,
    device     TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    op         TEXT NOT NULL,          -- the operation as received, to tell a replay from a reuse
    result     TEXT NOT NULL,          -- the stored answer (only applied operations are stored)
    applied_at TEXT NOT NULL
);

CREATE TABLE case_events (
    case_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    event   TEXT NOT NULL,
    at      TEXT NOT NULL,
    PRIMARY KEY (case_id, version)
);

-- Households now live in `records` (kind household) like every synced record.
DROP TABLE household_members;
DROP TABLE households;

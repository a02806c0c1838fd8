-- Attachments (photos of documents, signature images, PDFs), addressed by their SHA-256. The
-- bytes live in files under the attachment folder; these tables say what they are, which
-- records they belong to, and how far each unfinished upload has come.
CREATE TABLE attachments (
    sha256     TEXT PRIMARY KEY,
    size       BIGINT NOT NULL,
    media_type TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);

CREATE TABLE attachment_links (
    sha256      TEXT NOT NULL REFERENCES attachments(sha256),
    record_kind TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    linked_at   TEXT NOT NULL,
    linked_by   TEXT NOT NULL,
    PRIMARY KEY (sha256, record_kind, record_id)
);
CREATE INDEX attachment_links_record ON attachment_links(record_kind, record_id);

CREATE TABLE uploads (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    size        BIGINT NOT NULL,
    received    BIGINT NOT NULL,
    record_kind TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (user_id, sha256, record_kind, record_id)
);

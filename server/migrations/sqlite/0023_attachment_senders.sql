-- Issue 22, point 6: attachments by link, not by hash. Knowing a file's SHA-256 and size is
-- no right to it: a kept file is linked to a further record only for someone who sent its
-- bytes (listed here) or who may act on a record it is already linked to. Every one who
-- completed an upload of the file is listed once; the first sender of each kept file so far
-- is the only one known.
CREATE TABLE attachment_senders (
    sha256  TEXT NOT NULL REFERENCES attachments(sha256),
    user_id TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    PRIMARY KEY (sha256, user_id)
);
INSERT INTO attachment_senders (sha256, user_id, sent_at)
SELECT sha256, created_by, created_at FROM attachments;
CREATE INDEX authorization_evidence_sha256 ON authorization_evidence(sha256);

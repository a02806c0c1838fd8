-- A resident's online application while it is being filled in (issue 20 point 4, `/my/apply`):
-- a draft, not a domain record. Each step the resident saves is kept here, so a weak connection
-- or a phone left for weeks loses nothing; submitting turns it into push operations (the case,
-- its items, the authorization, the checklist) applied by the one push path, after which the
-- row is marked submitted. `body` is the draft as JSON (`pages::resident::apply::draft::Draft`).
CREATE TABLE resident_applications (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    household_id TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    submitted_at TEXT
);
CREATE INDEX resident_applications_user ON resident_applications (user_id);

-- The photos and signature images of a draft, base64, until the submission uploads them through
-- the attachments path onto the records they belong to.
CREATE TABLE resident_application_files (
    application_id TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    content TEXT NOT NULL,
    PRIMARY KEY (application_id, sha256)
);

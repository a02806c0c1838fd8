-- The links an applicant sends to an absent adult of the household to sign the verification
-- authorization on their own phone (issue 20 point 4). Only the token's SHA-256 is kept; a link
-- expires and is taken once (`used_at`).
CREATE TABLE resident_sign_links (
    token_sha256 TEXT PRIMARY KEY,
    application_id TEXT NOT NULL,
    member_id TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);

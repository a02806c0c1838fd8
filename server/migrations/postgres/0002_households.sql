-- Households and their members. Ids are made by the phone that records them (UUIDv7).
CREATE TABLE households (
    id         TEXT PRIMARY KEY,
    place_code TEXT NOT NULL REFERENCES places(code),
    address    TEXT NOT NULL,
    version    BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX households_place ON households(place_code);

CREATE TABLE household_members (
    id           TEXT PRIMARY KEY,
    household_id TEXT NOT NULL REFERENCES households(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    id_number    TEXT NOT NULL,
    relation     TEXT NOT NULL,
    is_applicant BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX household_members_household ON household_members(household_id);

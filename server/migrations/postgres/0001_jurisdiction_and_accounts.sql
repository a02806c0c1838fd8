-- The jurisdiction tree, the departments and the accounts.
CREATE TABLE places (
    code        TEXT PRIMARY KEY,
    parent_code TEXT REFERENCES places(code),
    level       TEXT NOT NULL CHECK (level IN ('county', 'township', 'village', 'grid')),
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    population  BIGINT
);
CREATE INDEX places_parent ON places(parent_code);

CREATE TABLE departments (
    code    TEXT PRIMARY KEY,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL
);

CREATE TABLE users (
    id              TEXT PRIMARY KEY,
    username        TEXT UNIQUE,
    phone           TEXT UNIQUE,
    display_name    TEXT NOT NULL,
    role            TEXT NOT NULL,
    place_code      TEXT NOT NULL REFERENCES places(code),
    department_code TEXT REFERENCES departments(code),
    password_hash   TEXT,
    disabled        BOOLEAN NOT NULL DEFAULT FALSE,
    created_at      TEXT NOT NULL,
    CHECK (username IS NOT NULL OR phone IS NOT NULL)
);

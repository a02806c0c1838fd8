-- Holiday notices an admin loaded after the release (a new year's, a correction).
CREATE TABLE calendar_notices (
    year      BIGINT PRIMARY KEY,
    body      TEXT NOT NULL,
    loaded_at TEXT NOT NULL,
    loaded_by TEXT NOT NULL
);

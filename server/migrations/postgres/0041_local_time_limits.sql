-- Issue 21 point 5 (administration): a county's own decision time limit per aid item
-- (本县办理时限), set by the admin on /admin/catalogue and checked by
-- `domain::catalogue::Catalogue::check_local_limit` (a local limit may shorten a regulation's
-- limit, never lengthen it). Loaded at start over the shipped catalogue as overrides of the
-- county's code; one row per county and item; removing the row restores the limit above it.
-- Every change is audited (`reference.set_local_limit`, `reference.remove_local_limit`).
CREATE TABLE local_time_limits (
    county         TEXT NOT NULL,
    item           TEXT NOT NULL,
    days           BIGINT NOT NULL,
    extension_days BIGINT NOT NULL,
    source         TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL,
    PRIMARY KEY (county, item)
);

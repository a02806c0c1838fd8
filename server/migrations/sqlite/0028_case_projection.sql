-- Issue 21 point 6: a projection of every case, one row each, with typed and indexed columns,
-- so supervision (the dashboard, ledgers, data checks) asks the database instead of decoding
-- every case's JSON. Written in the same transaction as each case write (`sync::batch`), and
-- filled for the cases that exist at startup (`projection::backfill`: the deadlines need the
-- catalogue and the working-day calendar, which SQL does not have).
--
-- Dates are Beijing calendar days as ISO text (`YYYY-MM-DD`), which sorts as time does; the
-- server reaches both databases through `sqlx::Any`, which binds and reads only text,
-- integers and floats, so a PostgreSQL `date` column could be neither written nor read.
CREATE TABLE case_projection (
    case_id TEXT PRIMARY KEY,
    -- The case record's version the row was built from.
    version INTEGER NOT NULL,
    household_id TEXT NOT NULL,
    -- Where the household lives, and its township and village (NULL when placed above them).
    place_code TEXT NOT NULL,
    township_code TEXT,
    village_code TEXT,
    state TEXT NOT NULL,
    channel TEXT NOT NULL,
    primary_item TEXT,
    lead_department TEXT,
    urgent INTEGER NOT NULL,
    created_on TEXT NOT NULL,
    submitted_on TEXT,
    -- The window's first answer: accepted (also urgently), one supplement notice, or not
    -- accepted.
    answered_on TEXT,
    accepted_on TEXT,
    routed_on TEXT,
    decided_on TEXT,
    told_on TEXT,
    closed_on TEXT,
    -- The longest decision limit of the items, with the extensions granted (working days).
    decision_limit_days INTEGER,
    -- Running clocks of the window: route by, tell the combined result by.
    route_by TEXT,
    notify_by TEXT,
    -- The soonest running deadline of the case (any clock) and which step it is.
    step TEXT,
    deadline_on TEXT,
    -- 首问负责人: who answers for the window's clocks.
    first_asker TEXT,
    rating TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX case_projection_township ON case_projection (township_code, created_on);
CREATE INDEX case_projection_village ON case_projection (village_code, created_on);
CREATE INDEX case_projection_created ON case_projection (created_on);
CREATE INDEX case_projection_state ON case_projection (state, township_code);
CREATE INDEX case_projection_deadline ON case_projection (deadline_on, township_code)
    WHERE deadline_on IS NOT NULL;

-- The requested items of each case, with the department routed to and the item's running
-- clock (decision, re-routing after a return, or telling its result).
CREATE TABLE case_projection_items (
    case_id TEXT NOT NULL REFERENCES case_projection (case_id) ON DELETE CASCADE,
    item TEXT NOT NULL,
    department TEXT,
    step TEXT,
    deadline_on TEXT,
    PRIMARY KEY (case_id, item)
);
CREATE INDEX case_projection_items_item ON case_projection_items (item);
CREATE INDEX case_projection_items_department ON case_projection_items (department);

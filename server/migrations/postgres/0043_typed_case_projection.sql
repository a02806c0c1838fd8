-- Issue 21 point 6: on PostgreSQL the case projection's columns get their own types, carrying
-- the rows over: Beijing calendar days as `date`, the urgent flag as `boolean`, the time a row
-- was written as `timestamptz`. The server still reaches both databases through `sqlx::Any`
-- with one SQL text per query: it writes days as `date($n)` (on PostgreSQL a cast of the text
-- parameter, on SQLite its date function, which answers the same ISO text), compares with
-- `date($n)` as well, and reads a day back as `CAST(col AS TEXT)` (ISO on both). SQLite keeps
-- its text columns (its types are affinities, and ISO text sorts as the days do).
--
-- Also: every record body as `jsonb` beside its exact text (`records.doc`, generated from
-- `body`, so no write path changes and the two can never disagree), indexed for containment
-- queries by county analysts and reports (`doc @> '{"case": {"state": "decided"}}'`).
ALTER TABLE case_projection
    ALTER COLUMN urgent TYPE boolean USING urgent <> 0,
    ALTER COLUMN created_on TYPE date USING created_on::date,
    ALTER COLUMN submitted_on TYPE date USING submitted_on::date,
    ALTER COLUMN answered_on TYPE date USING answered_on::date,
    ALTER COLUMN accepted_on TYPE date USING accepted_on::date,
    ALTER COLUMN routed_on TYPE date USING routed_on::date,
    ALTER COLUMN decided_on TYPE date USING decided_on::date,
    ALTER COLUMN told_on TYPE date USING told_on::date,
    ALTER COLUMN closed_on TYPE date USING closed_on::date,
    ALTER COLUMN route_by TYPE date USING route_by::date,
    ALTER COLUMN notify_by TYPE date USING notify_by::date,
    ALTER COLUMN deadline_on TYPE date USING deadline_on::date,
    ALTER COLUMN updated_at TYPE timestamptz USING updated_at::timestamptz;

ALTER TABLE case_projection_items
    ALTER COLUMN deadline_on TYPE date USING deadline_on::date;

-- The county-wide filters (`place_code LIKE '4301%'`) use an index whatever the database's
-- collation: a pattern index answers prefix matches under any locale.
CREATE INDEX case_projection_place ON case_projection (place_code text_pattern_ops);
CREATE INDEX records_place_pattern ON records (place_code text_pattern_ops);

ALTER TABLE records ADD COLUMN doc jsonb GENERATED ALWAYS AS (body::jsonb) STORED;
CREATE INDEX records_doc ON records USING gin (doc jsonb_path_ops);

-- The yearly certification's reminders (待遇资格认证, issue 20 point 8): one row per
-- household, period and reminder (`d30`, `d7`), written in the same transaction as the text
-- message it queues, so that each reminder goes at most once however often the job runs.
CREATE TABLE certification_reminders (
    household_id TEXT NOT NULL,
    year         BIGINT NOT NULL,
    reminder     TEXT NOT NULL,
    queued_at    TEXT NOT NULL,
    PRIMARY KEY (household_id, year, reminder)
);

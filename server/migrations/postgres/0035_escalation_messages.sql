-- The escalation's text messages (督办, issue 19 point 8): one row per case, late clock and
-- level (`township_leader`, `county_supervisor`), written in the same transaction as the
-- messages it queues, so that the housekeeping round tells each level once however often it
-- runs. `responsible` is who answers for the clock as the message named them (a staff
-- member's name or a department), `recipients` how many accounts were texted (0 when none
-- has a phone: still recorded, the inbox marks the case either way).
CREATE TABLE escalation_messages (
    case_id     TEXT NOT NULL,
    clock       TEXT NOT NULL,
    level       TEXT NOT NULL,
    due_on      TEXT NOT NULL,
    responsible TEXT NOT NULL,
    recipients  BIGINT NOT NULL,
    queued_at   TEXT NOT NULL,
    PRIMARY KEY (case_id, clock, level)
);

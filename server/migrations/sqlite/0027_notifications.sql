-- Text messages to the applicant and their helper when a case moves (issue 19 points 2, 7, 8;
-- issue 20 point 3). A command's messages are written in the same transaction as its events,
-- so a replayed operation (which writes nothing) queues nothing twice; the sender claims a
-- message for a while before sending it (next_try_at), marks it sent, and after failures
-- tries again later, up to a limit. The phone number is kept in full because it is where the
-- message goes; it never leaves the server except to the SMS gateway, and screens show it
-- masked.
CREATE TABLE notifications (
    id          TEXT PRIMARY KEY,
    case_id     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    audience    TEXT NOT NULL,
    user_id     TEXT,
    phone       TEXT NOT NULL,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    next_try_at TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    sent_at     TEXT,
    failed_at   TEXT,
    last_error  TEXT
);
CREATE INDEX notifications_due ON notifications(sent_at, failed_at, next_try_at);
CREATE INDEX notifications_case ON notifications(case_id);

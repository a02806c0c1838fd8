-- What a signed-in resident last saw of each of their cases on "我的申请" (issue 20 point 3):
-- the case's version when they last viewed it, so that a change since is marked once. A read
-- mark, not a domain record: written by viewing, never synced.
CREATE TABLE resident_case_seen (
    user_id TEXT NOT NULL,
    case_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (user_id, case_id)
);

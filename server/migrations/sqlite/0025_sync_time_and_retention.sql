-- Issue 22, points 8, 10 and 11.
-- When the user made a record's last write (the phone's clock, never after the server's): an
-- operation made before it is refused as backdated. NULL for writes before this migration.
ALTER TABLE records ADD COLUMN made_at TEXT;
-- Days between the last write being made and arriving, when that was more than a day (made
-- offline long ago): the window's screens show such a record as late. NULL when timely.
ALTER TABLE records ADD COLUMN late_days INTEGER;
-- The answers of applied operations are pruned by age (keeping the id and a digest).
CREATE INDEX sync_ops_applied_at ON sync_ops(applied_at);
-- Unfinished uploads are counted per user (the quota) and expired by age.
CREATE INDEX uploads_user ON uploads(user_id);
CREATE INDEX uploads_created_at ON uploads(created_at);

-- Issue 21 point 5 (administration): a staff account holds the helper roster's columns (seed
-- 000 attachment 3) that an account lacked, so the roster prints them instead of blanks:
-- 身份证号码 (checked with the resident ID-number rules when entered; NULL when not given)
-- and 人员类别 (a `domain::staff::StaffCategory` code such as `grid_worker`; NULL when not
-- given). Both are personal or staff data an admin enters; screens and the audit log mask the
-- number.
ALTER TABLE users ADD COLUMN id_number TEXT;
ALTER TABLE users ADD COLUMN staff_category TEXT;

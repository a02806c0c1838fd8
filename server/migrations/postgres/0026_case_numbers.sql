-- The public tracking page (进度查询) finds a case by its printed number, which is the last 80
-- bits of its id: the id text from its 15th character (`7xxx-xxxx-xxxxxxxxxxxx`).
CREATE INDEX records_case_number ON records (substr(id, 15)) WHERE kind = 'case';

-- Language-neutral stored values (issue 10, items 10 and 12). Same on both
-- dialects; keep ../postgres/00008_language_neutral.sql in step.
--
-- A default next step used to be stored as the text of the language of
-- whoever set it ("Связаться с клиентом", "Contact the client"); it is now
-- the marker "-" (domain.TaskTextDefault), read in each viewer's language.
-- time_zone_label keeps a zone as the owner typed it ("UTC+5") while
-- time_zone keeps the zone computed with (Etc/GMT-5); empty shows time_zone.

-- +goose Up
UPDATE tasks SET text = '-' WHERE text IN ('Связаться с клиентом', 'Contact the client');
UPDATE activities SET text = '-'
 WHERE kind IN ('task_set', 'task_done') AND text IN ('Связаться с клиентом', 'Contact the client');
ALTER TABLE teams ADD COLUMN time_zone_label TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE teams DROP COLUMN time_zone_label;

-- Away with a deputy (issue 11, item 3): a user is away until away_until
-- (back on that day, computed at read time: a moment in the past is back),
-- and while away their reminders and new leads go to deputy_id. Keep
-- ../sqlite/00018_away.sql in step.

-- +goose Up
ALTER TABLE users ADD COLUMN away_until TIMESTAMPTZ;
ALTER TABLE users ADD COLUMN deputy_id BIGINT REFERENCES users (id);

-- +goose Down
ALTER TABLE users DROP COLUMN deputy_id;
ALTER TABLE users DROP COLUMN away_until;

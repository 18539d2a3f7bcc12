-- A version of each team's pipeline and segments, raised by every change to
-- them (storage/settings_cache.go), so a process can keep them in memory and
-- know from the team row whether its copy is current. Same on both
-- dialects; keep ../postgres/00004_settings_version.sql in step.

-- +goose Up
ALTER TABLE teams ADD COLUMN settings_version BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE teams DROP COLUMN settings_version;

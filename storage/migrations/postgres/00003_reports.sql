-- Indexes for the reports (storage/reports*.go). Same indexes on both
-- dialects; keep ../sqlite/00003_reports.sql in step.

-- +goose Up
-- Deals created or closed in a period (managers, segments, sources,
-- funnel cohort, lost reasons, ABC revenue, export).
CREATE INDEX deals_team_created_idx ON deals (team_id, created_at);
CREATE INDEX deals_team_closed_idx ON deals (team_id, closed_at);
-- The funnel reads both ends of every stage change of the cohort's deals.
CREATE INDEX activities_stage_change_idx ON activities (deal_id, to_stage_id, from_stage_id) WHERE kind = 'stage_change';
-- The export reads a period's history of a team.
CREATE INDEX activities_team_created_idx ON activities (team_id, created_at);
-- Overdue tasks of a team now.
CREATE INDEX tasks_team_open_due_idx ON tasks (team_id, due_at) WHERE done_at IS NULL;

-- +goose Down
DROP INDEX tasks_team_open_due_idx;
DROP INDEX activities_team_created_idx;
DROP INDEX activities_stage_change_idx;
DROP INDEX deals_team_closed_idx;
DROP INDEX deals_team_created_idx;

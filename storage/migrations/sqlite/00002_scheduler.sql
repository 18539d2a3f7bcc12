-- Indexes of the scheduler's sweeps, SQLite flavour. Keep it in step
-- with ../postgres/00002_scheduler.sql. Every sweep asks for a window of time
-- over open rows; these partial indexes make its cost follow what falls in
-- the window, not the size of the table. Queries spell the predicates
-- ('open', IS NULL) literally so the planner can match them.

-- +goose Up
-- Stage limit: open deals of a stage by when they entered it.
CREATE INDEX deals_open_stage_entered_idx ON deals (stage_id, stage_entered_at) WHERE status = 'open';
-- Cadence: open deals of a stage by their last touch (creation if none).
CREATE INDEX deals_open_stage_touch_idx ON deals (stage_id, COALESCE(last_touch_at, created_at)) WHERE status = 'open';
-- Lifetime and new deals without a next step: open deals by creation.
CREATE INDEX deals_open_team_created_idx ON deals (team_id, created_at) WHERE status = 'open';
-- Speed to lead: untouched open deals by creation.
CREATE INDEX deals_untouched_team_created_idx ON deals (team_id, created_at) WHERE status = 'open' AND last_touch_at IS NULL;
-- Keep decisions running out.
CREATE INDEX deals_open_keep_idx ON deals (team_id, keep_until) WHERE status = 'open' AND keep_until IS NOT NULL;
-- Won deals: reactivation, weekly summary.
CREATE INDEX deals_won_team_closed_idx ON deals (team_id, closed_at) WHERE status = 'won';
-- Deals that lost their last next step: tasks by when they were done.
CREATE INDEX tasks_done_team_idx ON tasks (team_id, done_at) WHERE done_at IS NOT NULL;
CREATE INDEX tasks_done_deal_idx ON tasks (deal_id, done_at) WHERE done_at IS NOT NULL;
-- A deal waits on at most one undecided escalation.
CREATE UNIQUE INDEX escalations_open_deal_key ON escalations (deal_id) WHERE decided_at IS NULL;
-- Reactivation outcomes recorded on clients.
CREATE INDEX activities_reactivation_idx ON activities (team_id, created_at) WHERE kind = 'reactivation' AND deal_id IS NULL;

-- +goose Down
DROP INDEX activities_reactivation_idx;
DROP INDEX escalations_open_deal_key;
DROP INDEX tasks_done_deal_idx;
DROP INDEX tasks_done_team_idx;
DROP INDEX deals_won_team_closed_idx;
DROP INDEX deals_open_keep_idx;
DROP INDEX deals_untouched_team_created_idx;
DROP INDEX deals_open_team_created_idx;
DROP INDEX deals_open_stage_touch_idx;
DROP INDEX deals_open_stage_entered_idx;

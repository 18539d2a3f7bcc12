-- Reports over a period read per-day figures instead of the deals (issue
-- 14, item 3). report_days holds, per team, UTC day, manager and group
-- (a source, a segment, a lost reason, a funnel position), the deals
-- created that day and those won and lost that day; a period's whole UTC
-- days come from here and its ragged ends (the team's midnight is not
-- UTC's) from the deals. Triggers mark the UTC days a change touches in
-- report_dirty (here a row per day: SQLite's one writer at a time cannot
-- mark a day while a rebuild takes its mark; PostgreSQL's table is
-- append only, so writers never wait on each other there); the
-- store recomputes those days from the deals before it reads them, and the
-- minute sweep does so in the background (storage/report_days.go). Days
-- are counted from 1970-01-01. Keep ../postgres/00030_report_days.sql in
-- step.

-- +goose Up
CREATE TABLE report_days (
    team_id    INTEGER NOT NULL,
    kind       TEXT    NOT NULL,
    day        INTEGER NOT NULL,
    manager_id INTEGER NOT NULL,
    group_key  TEXT    NOT NULL,
    deals      INTEGER NOT NULL DEFAULT 0,
    won        INTEGER NOT NULL DEFAULT 0,
    won_amount INTEGER NOT NULL DEFAULT 0,
    lost       INTEGER NOT NULL DEFAULT 0,
    cycle_days REAL    NOT NULL DEFAULT 0,
    PRIMARY KEY (team_id, kind, day, manager_id, group_key)
) WITHOUT ROWID;

CREATE TABLE report_dirty (
    team_id INTEGER NOT NULL,
    day     INTEGER NOT NULL,
    PRIMARY KEY (team_id, day)
) WITHOUT ROWID;

-- A deal counts on the day it was created and the day it was closed.
-- +goose StatementBegin
CREATE TRIGGER deals_report_insert AFTER INSERT ON deals BEGIN
    INSERT INTO report_dirty (team_id, day)
    SELECT * FROM (
    SELECT NEW.team_id, CAST(unixepoch(substr(NEW.created_at, 1, 10)) / 86400 AS INTEGER)
    UNION SELECT NEW.team_id, CAST(unixepoch(substr(NEW.closed_at, 1, 10)) / 86400 AS INTEGER) WHERE NEW.closed_at IS NOT NULL
    ) WHERE true ON CONFLICT DO NOTHING;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER deals_report_update AFTER UPDATE ON deals
WHEN OLD.team_id IS NOT NEW.team_id OR OLD.client_id IS NOT NEW.client_id OR OLD.amount IS NOT NEW.amount
    OR OLD.source IS NOT NEW.source OR OLD.stage_id IS NOT NEW.stage_id OR OLD.status IS NOT NEW.status
    OR OLD.manager_id IS NOT NEW.manager_id OR OLD.created_at IS NOT NEW.created_at
    OR OLD.closed_at IS NOT NEW.closed_at OR OLD.lost_reason IS NOT NEW.lost_reason
BEGIN
    INSERT INTO report_dirty (team_id, day)
    SELECT * FROM (
    SELECT OLD.team_id, CAST(unixepoch(substr(OLD.created_at, 1, 10)) / 86400 AS INTEGER)
    UNION SELECT OLD.team_id, CAST(unixepoch(substr(OLD.closed_at, 1, 10)) / 86400 AS INTEGER) WHERE OLD.closed_at IS NOT NULL
    UNION SELECT NEW.team_id, CAST(unixepoch(substr(NEW.created_at, 1, 10)) / 86400 AS INTEGER)
    UNION SELECT NEW.team_id, CAST(unixepoch(substr(NEW.closed_at, 1, 10)) / 86400 AS INTEGER) WHERE NEW.closed_at IS NOT NULL
    ) WHERE true ON CONFLICT DO NOTHING;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER deals_report_delete AFTER DELETE ON deals BEGIN
    INSERT INTO report_dirty (team_id, day)
    SELECT * FROM (
    SELECT OLD.team_id, CAST(unixepoch(substr(OLD.created_at, 1, 10)) / 86400 AS INTEGER)
    UNION SELECT OLD.team_id, CAST(unixepoch(substr(OLD.closed_at, 1, 10)) / 86400 AS INTEGER) WHERE OLD.closed_at IS NOT NULL
    ) WHERE true ON CONFLICT DO NOTHING;
END;
-- +goose StatementEnd

-- The funnel reads a deal's stage history: a change to it touches the
-- day the deal was created.
-- +goose StatementBegin
CREATE TRIGGER activities_report_insert AFTER INSERT ON activities
WHEN NEW.kind = 'stage_change' AND NEW.deal_id IS NOT NULL BEGIN
    INSERT INTO report_dirty (team_id, day)
    SELECT * FROM (
    SELECT d.team_id, CAST(unixepoch(substr(d.created_at, 1, 10)) / 86400 AS INTEGER) FROM deals d WHERE d.id = NEW.deal_id
    ) WHERE true ON CONFLICT DO NOTHING;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER activities_report_update AFTER UPDATE ON activities
WHEN (OLD.kind = 'stage_change' OR NEW.kind = 'stage_change') AND (OLD.deal_id IS NOT NEW.deal_id
    OR OLD.kind IS NOT NEW.kind OR OLD.from_stage_id IS NOT NEW.from_stage_id OR OLD.to_stage_id IS NOT NEW.to_stage_id)
BEGIN
    INSERT INTO report_dirty (team_id, day)
    SELECT * FROM (
    SELECT d.team_id, CAST(unixepoch(substr(d.created_at, 1, 10)) / 86400 AS INTEGER) FROM deals d WHERE d.id IN (OLD.deal_id, NEW.deal_id)
    ) WHERE true ON CONFLICT DO NOTHING;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER activities_report_delete AFTER DELETE ON activities
WHEN OLD.kind = 'stage_change' AND OLD.deal_id IS NOT NULL BEGIN
    INSERT INTO report_dirty (team_id, day)
    SELECT * FROM (
    SELECT d.team_id, CAST(unixepoch(substr(d.created_at, 1, 10)) / 86400 AS INTEGER) FROM deals d WHERE d.id = OLD.deal_id
    ) WHERE true ON CONFLICT DO NOTHING;
END;
-- +goose StatementEnd

-- A client's segment groups its deals; deleting a segment clears it from
-- its clients (the foreign key), so its deals' days are marked first.
-- +goose StatementBegin
CREATE TRIGGER clients_report_segment AFTER UPDATE OF segment_id ON clients
WHEN OLD.segment_id IS NOT NEW.segment_id BEGIN
    INSERT INTO report_dirty (team_id, day)
    SELECT * FROM (
    SELECT d.team_id, CAST(unixepoch(substr(d.created_at, 1, 10)) / 86400 AS INTEGER) FROM deals d WHERE d.client_id = NEW.id
    UNION SELECT d.team_id, CAST(unixepoch(substr(d.closed_at, 1, 10)) / 86400 AS INTEGER) FROM deals d
        WHERE d.client_id = NEW.id AND d.closed_at IS NOT NULL
    ) WHERE true ON CONFLICT DO NOTHING;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER segments_report_delete BEFORE DELETE ON segments BEGIN
    INSERT INTO report_dirty (team_id, day)
    SELECT * FROM (
    SELECT d.team_id, CAST(unixepoch(substr(d.created_at, 1, 10)) / 86400 AS INTEGER) FROM deals d
        JOIN clients c ON c.id = d.client_id WHERE c.segment_id = OLD.id
    UNION SELECT d.team_id, CAST(unixepoch(substr(d.closed_at, 1, 10)) / 86400 AS INTEGER) FROM deals d
        JOIN clients c ON c.id = d.client_id WHERE c.segment_id = OLD.id AND d.closed_at IS NOT NULL
    ) WHERE true ON CONFLICT DO NOTHING;
END;
-- +goose StatementEnd

-- A stage's position or kind places every deal of the team in the funnel.
-- +goose StatementBegin
CREATE TRIGGER stages_report_update AFTER UPDATE ON stages
WHEN OLD.position IS NOT NEW.position OR OLD.kind IS NOT NEW.kind BEGIN
    INSERT INTO report_dirty (team_id, day)
    SELECT * FROM (
    SELECT DISTINCT d.team_id, CAST(unixepoch(substr(d.created_at, 1, 10)) / 86400 AS INTEGER) FROM deals d WHERE d.team_id = NEW.team_id
    ) WHERE true ON CONFLICT DO NOTHING;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER stages_report_delete AFTER DELETE ON stages BEGIN
    INSERT INTO report_dirty (team_id, day)
    SELECT * FROM (
    SELECT DISTINCT d.team_id, CAST(unixepoch(substr(d.created_at, 1, 10)) / 86400 AS INTEGER) FROM deals d WHERE d.team_id = OLD.team_id
    ) WHERE true ON CONFLICT DO NOTHING;
END;
-- +goose StatementEnd

-- Every day that has deals is built once.
INSERT INTO report_dirty (team_id, day)
    SELECT * FROM (
    SELECT team_id, CAST(unixepoch(substr(created_at, 1, 10)) / 86400 AS INTEGER) FROM deals
UNION SELECT team_id, CAST(unixepoch(substr(closed_at, 1, 10)) / 86400 AS INTEGER) FROM deals WHERE closed_at IS NOT NULL
    ) WHERE true ON CONFLICT DO NOTHING;

-- +goose Down
DROP TRIGGER stages_report_delete;
DROP TRIGGER stages_report_update;
DROP TRIGGER segments_report_delete;
DROP TRIGGER clients_report_segment;
DROP TRIGGER activities_report_delete;
DROP TRIGGER activities_report_update;
DROP TRIGGER activities_report_insert;
DROP TRIGGER deals_report_delete;
DROP TRIGGER deals_report_update;
DROP TRIGGER deals_report_insert;
DROP TABLE report_dirty;
DROP TABLE report_days;

-- The open pipeline and each manager's deals without a next step, kept
-- as sums instead of counted over the open deals for every report (issue
-- 14, item 3). deals.open_tasks counts a deal's open tasks, kept by the
-- triggers on tasks (the Go code never writes it); pipeline_sums holds,
-- per team, stage and manager, the open deals, their amount, their amount
-- × probability, the sum of the Unix seconds they entered the stage at
-- (for the average age) and how many have no open task, kept by the
-- triggers on deals as each change takes a deal's share out of its old
-- row and adds it to its new one. Keep ../postgres/00031_pipeline_sums.sql
-- in step.

-- +goose Up
ALTER TABLE deals ADD COLUMN open_tasks INTEGER NOT NULL DEFAULT 0;
UPDATE deals SET open_tasks = (SELECT COUNT(*) FROM tasks t WHERE t.deal_id = deals.id AND t.done_at IS NULL);

CREATE TABLE pipeline_sums (
    team_id     INTEGER NOT NULL,
    stage_id    INTEGER NOT NULL,
    manager_id  INTEGER NOT NULL,
    deals       INTEGER NOT NULL,
    amount      INTEGER NOT NULL,
    weighted    INTEGER NOT NULL,
    entered_sum INTEGER NOT NULL,
    no_task     INTEGER NOT NULL,
    PRIMARY KEY (team_id, stage_id, manager_id)
) WITHOUT ROWID;
INSERT INTO pipeline_sums (team_id, stage_id, manager_id, deals, amount, weighted, entered_sum, no_task)
SELECT team_id, stage_id, manager_id, COUNT(*), SUM(amount), SUM(amount * probability),
    SUM(unixepoch(stage_entered_at)), SUM(CASE WHEN open_tasks = 0 THEN 1 ELSE 0 END)
FROM deals WHERE status = 'open' GROUP BY team_id, stage_id, manager_id;

-- A stage's stale count subtracts its fresh deals (created within the
-- team's lifetime: a range of this index) from its open deals.
CREATE INDEX deals_open_stage_created_idx ON deals (team_id, stage_id, created_at, stage_entered_at, manager_id)
    WHERE status = 'open';

-- task_sums counts each person's open tasks: their overdue ones are those
-- less the ones due later (an index range as long as what is planned).
CREATE TABLE task_sums (
    assignee_id INTEGER PRIMARY KEY,
    open        INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO task_sums (assignee_id, open)
SELECT assignee_id, COUNT(*) FROM tasks WHERE done_at IS NULL GROUP BY assignee_id;

-- +goose StatementBegin
CREATE TRIGGER tasks_open_insert AFTER INSERT ON tasks WHEN NEW.done_at IS NULL BEGIN
    UPDATE deals SET open_tasks = open_tasks + 1 WHERE id = NEW.deal_id;
    INSERT INTO task_sums (assignee_id, open) VALUES (NEW.assignee_id, 1)
    ON CONFLICT (assignee_id) DO UPDATE SET open = open + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER tasks_open_update AFTER UPDATE ON tasks
WHEN (OLD.done_at IS NULL) IS NOT (NEW.done_at IS NULL) OR OLD.deal_id IS NOT NEW.deal_id
    OR OLD.assignee_id IS NOT NEW.assignee_id BEGIN
    UPDATE deals SET open_tasks = open_tasks - 1 WHERE id = OLD.deal_id AND OLD.done_at IS NULL;
    UPDATE deals SET open_tasks = open_tasks + 1 WHERE id = NEW.deal_id AND NEW.done_at IS NULL;
    UPDATE task_sums SET open = open - 1 WHERE assignee_id = OLD.assignee_id AND OLD.done_at IS NULL;
    INSERT INTO task_sums (assignee_id, open) SELECT NEW.assignee_id, 1 WHERE NEW.done_at IS NULL
    ON CONFLICT (assignee_id) DO UPDATE SET open = open + 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER tasks_open_delete AFTER DELETE ON tasks WHEN OLD.done_at IS NULL BEGIN
    UPDATE deals SET open_tasks = open_tasks - 1 WHERE id = OLD.deal_id;
    UPDATE task_sums SET open = open - 1 WHERE assignee_id = OLD.assignee_id;
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER deals_pipeline_insert AFTER INSERT ON deals WHEN NEW.status = 'open' BEGIN
    INSERT INTO pipeline_sums (team_id, stage_id, manager_id, deals, amount, weighted, entered_sum, no_task)
    VALUES (NEW.team_id, NEW.stage_id, NEW.manager_id, 1, NEW.amount, NEW.amount * NEW.probability,
        unixepoch(NEW.stage_entered_at), CASE WHEN NEW.open_tasks = 0 THEN 1 ELSE 0 END)
    ON CONFLICT (team_id, stage_id, manager_id) DO UPDATE SET deals = deals + excluded.deals,
        amount = amount + excluded.amount, weighted = weighted + excluded.weighted,
        entered_sum = entered_sum + excluded.entered_sum, no_task = no_task + excluded.no_task;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER deals_pipeline_update AFTER UPDATE ON deals
WHEN (OLD.status = 'open' OR NEW.status = 'open') AND (OLD.status IS NOT NEW.status OR OLD.team_id IS NOT NEW.team_id
    OR OLD.stage_id IS NOT NEW.stage_id OR OLD.manager_id IS NOT NEW.manager_id OR OLD.amount IS NOT NEW.amount
    OR OLD.probability IS NOT NEW.probability OR OLD.stage_entered_at IS NOT NEW.stage_entered_at
    OR (OLD.open_tasks = 0) IS NOT (NEW.open_tasks = 0))
BEGIN
    UPDATE pipeline_sums SET deals = deals - 1, amount = amount - OLD.amount,
        weighted = weighted - OLD.amount * OLD.probability, entered_sum = entered_sum - unixepoch(OLD.stage_entered_at),
        no_task = no_task - CASE WHEN OLD.open_tasks = 0 THEN 1 ELSE 0 END
    WHERE OLD.status = 'open' AND team_id = OLD.team_id AND stage_id = OLD.stage_id AND manager_id = OLD.manager_id;
    INSERT INTO pipeline_sums (team_id, stage_id, manager_id, deals, amount, weighted, entered_sum, no_task)
    SELECT NEW.team_id, NEW.stage_id, NEW.manager_id, 1, NEW.amount, NEW.amount * NEW.probability,
        unixepoch(NEW.stage_entered_at), CASE WHEN NEW.open_tasks = 0 THEN 1 ELSE 0 END
    WHERE NEW.status = 'open'
    ON CONFLICT (team_id, stage_id, manager_id) DO UPDATE SET deals = deals + excluded.deals,
        amount = amount + excluded.amount, weighted = weighted + excluded.weighted,
        entered_sum = entered_sum + excluded.entered_sum, no_task = no_task + excluded.no_task;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER deals_pipeline_delete AFTER DELETE ON deals WHEN OLD.status = 'open' BEGIN
    UPDATE pipeline_sums SET deals = deals - 1, amount = amount - OLD.amount,
        weighted = weighted - OLD.amount * OLD.probability, entered_sum = entered_sum - unixepoch(OLD.stage_entered_at),
        no_task = no_task - CASE WHEN OLD.open_tasks = 0 THEN 1 ELSE 0 END
    WHERE team_id = OLD.team_id AND stage_id = OLD.stage_id AND manager_id = OLD.manager_id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER deals_pipeline_delete;
DROP TRIGGER deals_pipeline_update;
DROP TRIGGER deals_pipeline_insert;
DROP TRIGGER tasks_open_delete;
DROP TRIGGER tasks_open_update;
DROP TRIGGER tasks_open_insert;
DROP INDEX deals_open_stage_created_idx;
DROP TABLE task_sums;
DROP TABLE pipeline_sums;
ALTER TABLE deals DROP COLUMN open_tasks;

-- The open pipeline and each manager's deals without a next step, kept
-- as sums instead of counted over the open deals for every report (issue
-- 14, item 3). deals.open_tasks counts a deal's open tasks, kept by the
-- triggers on tasks (the Go code never writes it); pipeline_sums holds,
-- per team, stage and manager, the open deals, their amount, their amount
-- × probability, the sum of the Unix seconds they entered the stage at
-- (for the average age) and how many have no open task, kept by the
-- triggers on deals as each change takes a deal's share out of its old
-- row and adds it to its new one, the rows in key order (two changes
-- moving deals both ways between two stages lock them in the same
-- order). Keep ../sqlite/00031_pipeline_sums.sql in step.

-- +goose Up
ALTER TABLE deals ADD COLUMN open_tasks INTEGER NOT NULL DEFAULT 0;
UPDATE deals SET open_tasks = t.n
FROM (SELECT deal_id, COUNT(*) AS n FROM tasks WHERE done_at IS NULL GROUP BY deal_id) t
WHERE t.deal_id = deals.id;

CREATE TABLE pipeline_sums (
    team_id     BIGINT NOT NULL,
    stage_id    BIGINT NOT NULL,
    manager_id  BIGINT NOT NULL,
    deals       BIGINT NOT NULL,
    amount      BIGINT NOT NULL,
    weighted    BIGINT NOT NULL,
    entered_sum BIGINT NOT NULL,
    no_task     BIGINT NOT NULL,
    PRIMARY KEY (team_id, stage_id, manager_id)
);
INSERT INTO pipeline_sums (team_id, stage_id, manager_id, deals, amount, weighted, entered_sum, no_task)
SELECT team_id, stage_id, manager_id, COUNT(*), SUM(amount), SUM(amount * probability),
    SUM(FLOOR(EXTRACT(EPOCH FROM stage_entered_at))::BIGINT), SUM(CASE WHEN open_tasks = 0 THEN 1 ELSE 0 END)
FROM deals WHERE status = 'open' GROUP BY team_id, stage_id, manager_id;

-- The stale count reads the open deals of a stage from this index alone.
CREATE INDEX deals_open_stage_age_idx ON deals (team_id, stage_id, stage_entered_at, created_at, keep_until, manager_id)
    WHERE status = 'open';
-- Overdue tasks per manager, from the index alone.
CREATE INDEX tasks_open_team_assignee_due_idx ON tasks (team_id, assignee_id, due_at) WHERE done_at IS NULL;

-- OLD is NULL on INSERT and NEW on DELETE.
-- +goose StatementBegin
CREATE FUNCTION tasks_open_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.done_at IS NULL THEN
        UPDATE deals SET open_tasks = open_tasks - 1 WHERE id = OLD.deal_id;
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.done_at IS NULL THEN
        UPDATE deals SET open_tasks = open_tasks + 1 WHERE id = NEW.deal_id;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER tasks_open_delete AFTER DELETE ON tasks FOR EACH ROW
    EXECUTE FUNCTION tasks_open_count();
-- New tasks are counted once per statement and deal.
-- +goose StatementBegin
CREATE FUNCTION tasks_open_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE deals SET open_tasks = deals.open_tasks + n.tasks
    FROM (SELECT t.deal_id, COUNT(*) AS tasks FROM new_tasks t WHERE t.done_at IS NULL GROUP BY t.deal_id) n
    WHERE deals.id = n.deal_id;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER tasks_open_insert AFTER INSERT ON tasks REFERENCING NEW TABLE AS new_tasks
    FOR EACH STATEMENT EXECUTE FUNCTION tasks_open_inserted();
CREATE TRIGGER tasks_open_update AFTER UPDATE ON tasks FOR EACH ROW
    WHEN ((OLD.done_at IS NULL) IS DISTINCT FROM (NEW.done_at IS NULL) OR OLD.deal_id IS DISTINCT FROM NEW.deal_id)
    EXECUTE FUNCTION tasks_open_count();

-- +goose StatementBegin
CREATE FUNCTION deals_pipeline_sums() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO pipeline_sums AS p (team_id, stage_id, manager_id, deals, amount, weighted, entered_sum, no_task)
    SELECT v.team_id, v.stage_id, v.manager_id, SUM(v.deals), SUM(v.amount), SUM(v.weighted), SUM(v.entered_sum), SUM(v.no_task)
    FROM (
        SELECT OLD.team_id, OLD.stage_id, OLD.manager_id, -1, -OLD.amount, -OLD.amount::BIGINT * OLD.probability,
            -FLOOR(EXTRACT(EPOCH FROM OLD.stage_entered_at))::BIGINT, CASE WHEN OLD.open_tasks = 0 THEN -1 ELSE 0 END
        WHERE TG_OP <> 'INSERT' AND OLD.status = 'open'
        UNION ALL
        SELECT NEW.team_id, NEW.stage_id, NEW.manager_id, 1, NEW.amount, NEW.amount::BIGINT * NEW.probability,
            FLOOR(EXTRACT(EPOCH FROM NEW.stage_entered_at))::BIGINT, CASE WHEN NEW.open_tasks = 0 THEN 1 ELSE 0 END
        WHERE TG_OP <> 'DELETE' AND NEW.status = 'open'
    ) AS v(team_id, stage_id, manager_id, deals, amount, weighted, entered_sum, no_task)
    GROUP BY v.team_id, v.stage_id, v.manager_id
    ORDER BY v.team_id, v.stage_id, v.manager_id
    ON CONFLICT (team_id, stage_id, manager_id) DO UPDATE SET deals = p.deals + EXCLUDED.deals,
        amount = p.amount + EXCLUDED.amount, weighted = p.weighted + EXCLUDED.weighted,
        entered_sum = p.entered_sum + EXCLUDED.entered_sum, no_task = p.no_task + EXCLUDED.no_task;
    RETURN NULL;
END $$;
-- +goose StatementEnd
-- New deals are added once per statement (an import, a bulk insert).
-- +goose StatementBegin
CREATE FUNCTION deals_pipeline_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO pipeline_sums AS p (team_id, stage_id, manager_id, deals, amount, weighted, entered_sum, no_task)
    SELECT n.team_id, n.stage_id, n.manager_id, COUNT(*), SUM(n.amount), SUM(n.amount::BIGINT * n.probability),
        SUM(FLOOR(EXTRACT(EPOCH FROM n.stage_entered_at))::BIGINT), SUM(CASE WHEN n.open_tasks = 0 THEN 1 ELSE 0 END)
    FROM new_deals n WHERE n.status = 'open'
    GROUP BY n.team_id, n.stage_id, n.manager_id
    ORDER BY n.team_id, n.stage_id, n.manager_id
    ON CONFLICT (team_id, stage_id, manager_id) DO UPDATE SET deals = p.deals + EXCLUDED.deals,
        amount = p.amount + EXCLUDED.amount, weighted = p.weighted + EXCLUDED.weighted,
        entered_sum = p.entered_sum + EXCLUDED.entered_sum, no_task = p.no_task + EXCLUDED.no_task;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER deals_pipeline_insert AFTER INSERT ON deals REFERENCING NEW TABLE AS new_deals
    FOR EACH STATEMENT EXECUTE FUNCTION deals_pipeline_inserted();
CREATE TRIGGER deals_pipeline_delete AFTER DELETE ON deals FOR EACH ROW WHEN (OLD.status = 'open')
    EXECUTE FUNCTION deals_pipeline_sums();
CREATE TRIGGER deals_pipeline_update AFTER UPDATE ON deals FOR EACH ROW
    WHEN ((OLD.status = 'open' OR NEW.status = 'open') AND (OLD.status IS DISTINCT FROM NEW.status
        OR OLD.team_id IS DISTINCT FROM NEW.team_id OR OLD.stage_id IS DISTINCT FROM NEW.stage_id
        OR OLD.manager_id IS DISTINCT FROM NEW.manager_id OR OLD.amount IS DISTINCT FROM NEW.amount
        OR OLD.probability IS DISTINCT FROM NEW.probability OR OLD.stage_entered_at IS DISTINCT FROM NEW.stage_entered_at
        OR (OLD.open_tasks = 0) IS DISTINCT FROM (NEW.open_tasks = 0)))
    EXECUTE FUNCTION deals_pipeline_sums();

-- +goose Down
DROP TRIGGER deals_pipeline_update ON deals;
DROP TRIGGER deals_pipeline_delete ON deals;
DROP TRIGGER deals_pipeline_insert ON deals;
DROP FUNCTION deals_pipeline_inserted();
DROP FUNCTION deals_pipeline_sums();
DROP TRIGGER tasks_open_update ON tasks;
DROP TRIGGER tasks_open_insert ON tasks;
DROP FUNCTION tasks_open_inserted();
DROP TRIGGER tasks_open_delete ON tasks;
DROP FUNCTION tasks_open_count();
DROP INDEX tasks_open_team_assignee_due_idx;
DROP INDEX deals_open_stage_age_idx;
DROP TABLE pipeline_sums;
ALTER TABLE deals DROP COLUMN open_tasks;

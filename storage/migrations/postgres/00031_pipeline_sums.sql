-- The open pipeline and each manager's deals without a next step, kept
-- as sums instead of counted over the open deals for every report (issue
-- 14, item 3). deals.open_tasks counts a deal's open tasks, kept by the
-- triggers on tasks (the Go code never writes it); pipeline_sums holds,
-- per team, stage and manager, the open deals, their amount, their amount
-- × probability, the sum of the Unix seconds they entered the stage at
-- (for the average age) and how many have no open task, kept by the
-- triggers on deals as each change takes a deal's share out of its old
-- row and adds it to its new one. Keep ../sqlite/00031_pipeline_sums.sql
-- in step.

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

-- A stage's stale count subtracts its fresh deals (created within the
-- team's lifetime: a range of this index) from its open deals.
CREATE INDEX deals_open_stage_created_idx ON deals (team_id, stage_id, created_at, stage_entered_at, manager_id)
    WHERE status = 'open';

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

-- Each statement's changes are summed per key once: -1 × each old open
-- row, +1 × each new one (an unchanged row cancels out), the keys written
-- in order (two changes moving deals both ways between two stages lock
-- the rows in the same order). A row-level counter would write a new
-- version of the same few rows per deal of a bulk change, all kept to the
-- transaction's end.
-- task_sums counts each person's open tasks: their overdue ones are those
-- less the ones due later (an index range as long as what is planned).
-- Summed once per statement, as pipeline_sums below.
CREATE TABLE task_sums (
    assignee_id BIGINT PRIMARY KEY,
    open        BIGINT NOT NULL
);
INSERT INTO task_sums (assignee_id, open)
SELECT assignee_id, COUNT(*) FROM tasks WHERE done_at IS NULL GROUP BY assignee_id;

-- Static SQL, one function per event: their plans are kept.
-- +goose StatementBegin
CREATE FUNCTION task_sums_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO task_sums AS s (assignee_id, open)
    SELECT v.assignee_id, SUM(v.sign) FROM (SELECT 1 AS sign, n.* FROM new_tasks n) v
    WHERE v.done_at IS NULL
    GROUP BY v.assignee_id HAVING SUM(v.sign) <> 0
    ORDER BY v.assignee_id
    ON CONFLICT (assignee_id) DO UPDATE SET open = s.open + EXCLUDED.open;
    RETURN NULL;
END $$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE FUNCTION task_sums_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO task_sums AS s (assignee_id, open)
    SELECT v.assignee_id, SUM(v.sign) FROM (SELECT -1 AS sign, o.* FROM old_tasks o UNION ALL SELECT 1, n.* FROM new_tasks n) v
    WHERE v.done_at IS NULL
    GROUP BY v.assignee_id HAVING SUM(v.sign) <> 0
    ORDER BY v.assignee_id
    ON CONFLICT (assignee_id) DO UPDATE SET open = s.open + EXCLUDED.open;
    RETURN NULL;
END $$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE FUNCTION task_sums_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO task_sums AS s (assignee_id, open)
    SELECT v.assignee_id, SUM(v.sign) FROM (SELECT -1 AS sign, o.* FROM old_tasks o) v
    WHERE v.done_at IS NULL
    GROUP BY v.assignee_id HAVING SUM(v.sign) <> 0
    ORDER BY v.assignee_id
    ON CONFLICT (assignee_id) DO UPDATE SET open = s.open + EXCLUDED.open;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER task_sums_insert AFTER INSERT ON tasks REFERENCING NEW TABLE AS new_tasks
    FOR EACH STATEMENT EXECUTE FUNCTION task_sums_inserted();
CREATE TRIGGER task_sums_update AFTER UPDATE ON tasks REFERENCING OLD TABLE AS old_tasks NEW TABLE AS new_tasks
    FOR EACH STATEMENT EXECUTE FUNCTION task_sums_updated();
CREATE TRIGGER task_sums_delete AFTER DELETE ON tasks REFERENCING OLD TABLE AS old_tasks
    FOR EACH STATEMENT EXECUTE FUNCTION task_sums_deleted();

-- Static SQL, one function per event: their plans are kept.
-- +goose StatementBegin
CREATE FUNCTION deals_pipeline_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO pipeline_sums AS p (team_id, stage_id, manager_id, deals, amount, weighted, entered_sum, no_task)
    SELECT v.team_id, v.stage_id, v.manager_id, SUM(v.sign), SUM(v.sign * v.amount), SUM(v.sign * v.amount * v.probability),
        SUM(v.sign * FLOOR(EXTRACT(EPOCH FROM v.stage_entered_at))::BIGINT),
        SUM(CASE WHEN v.open_tasks = 0 THEN v.sign ELSE 0 END)
    FROM (SELECT 1 AS sign, n.* FROM new_deals n) v
    WHERE v.status = 'open'
    GROUP BY v.team_id, v.stage_id, v.manager_id
    HAVING SUM(v.sign) <> 0 OR SUM(v.sign * v.amount) <> 0 OR SUM(v.sign * v.amount * v.probability) <> 0
        OR SUM(v.sign * FLOOR(EXTRACT(EPOCH FROM v.stage_entered_at))::BIGINT) <> 0
        OR SUM(CASE WHEN v.open_tasks = 0 THEN v.sign ELSE 0 END) <> 0
    ORDER BY v.team_id, v.stage_id, v.manager_id
    ON CONFLICT (team_id, stage_id, manager_id) DO UPDATE SET deals = p.deals + EXCLUDED.deals,
        amount = p.amount + EXCLUDED.amount, weighted = p.weighted + EXCLUDED.weighted,
        entered_sum = p.entered_sum + EXCLUDED.entered_sum, no_task = p.no_task + EXCLUDED.no_task;
    RETURN NULL;
END $$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE FUNCTION deals_pipeline_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO pipeline_sums AS p (team_id, stage_id, manager_id, deals, amount, weighted, entered_sum, no_task)
    SELECT v.team_id, v.stage_id, v.manager_id, SUM(v.sign), SUM(v.sign * v.amount), SUM(v.sign * v.amount * v.probability),
        SUM(v.sign * FLOOR(EXTRACT(EPOCH FROM v.stage_entered_at))::BIGINT),
        SUM(CASE WHEN v.open_tasks = 0 THEN v.sign ELSE 0 END)
    FROM (SELECT -1 AS sign, o.* FROM old_deals o UNION ALL SELECT 1, n.* FROM new_deals n) v
    WHERE v.status = 'open'
    GROUP BY v.team_id, v.stage_id, v.manager_id
    HAVING SUM(v.sign) <> 0 OR SUM(v.sign * v.amount) <> 0 OR SUM(v.sign * v.amount * v.probability) <> 0
        OR SUM(v.sign * FLOOR(EXTRACT(EPOCH FROM v.stage_entered_at))::BIGINT) <> 0
        OR SUM(CASE WHEN v.open_tasks = 0 THEN v.sign ELSE 0 END) <> 0
    ORDER BY v.team_id, v.stage_id, v.manager_id
    ON CONFLICT (team_id, stage_id, manager_id) DO UPDATE SET deals = p.deals + EXCLUDED.deals,
        amount = p.amount + EXCLUDED.amount, weighted = p.weighted + EXCLUDED.weighted,
        entered_sum = p.entered_sum + EXCLUDED.entered_sum, no_task = p.no_task + EXCLUDED.no_task;
    RETURN NULL;
END $$;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE FUNCTION deals_pipeline_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO pipeline_sums AS p (team_id, stage_id, manager_id, deals, amount, weighted, entered_sum, no_task)
    SELECT v.team_id, v.stage_id, v.manager_id, SUM(v.sign), SUM(v.sign * v.amount), SUM(v.sign * v.amount * v.probability),
        SUM(v.sign * FLOOR(EXTRACT(EPOCH FROM v.stage_entered_at))::BIGINT),
        SUM(CASE WHEN v.open_tasks = 0 THEN v.sign ELSE 0 END)
    FROM (SELECT -1 AS sign, o.* FROM old_deals o) v
    WHERE v.status = 'open'
    GROUP BY v.team_id, v.stage_id, v.manager_id
    HAVING SUM(v.sign) <> 0 OR SUM(v.sign * v.amount) <> 0 OR SUM(v.sign * v.amount * v.probability) <> 0
        OR SUM(v.sign * FLOOR(EXTRACT(EPOCH FROM v.stage_entered_at))::BIGINT) <> 0
        OR SUM(CASE WHEN v.open_tasks = 0 THEN v.sign ELSE 0 END) <> 0
    ORDER BY v.team_id, v.stage_id, v.manager_id
    ON CONFLICT (team_id, stage_id, manager_id) DO UPDATE SET deals = p.deals + EXCLUDED.deals,
        amount = p.amount + EXCLUDED.amount, weighted = p.weighted + EXCLUDED.weighted,
        entered_sum = p.entered_sum + EXCLUDED.entered_sum, no_task = p.no_task + EXCLUDED.no_task;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER deals_pipeline_insert AFTER INSERT ON deals REFERENCING NEW TABLE AS new_deals
    FOR EACH STATEMENT EXECUTE FUNCTION deals_pipeline_inserted();
CREATE TRIGGER deals_pipeline_update AFTER UPDATE ON deals REFERENCING OLD TABLE AS old_deals NEW TABLE AS new_deals
    FOR EACH STATEMENT EXECUTE FUNCTION deals_pipeline_updated();
CREATE TRIGGER deals_pipeline_delete AFTER DELETE ON deals REFERENCING OLD TABLE AS old_deals
    FOR EACH STATEMENT EXECUTE FUNCTION deals_pipeline_deleted();

-- +goose Down
DROP TRIGGER deals_pipeline_update ON deals;
DROP TRIGGER deals_pipeline_delete ON deals;
DROP TRIGGER deals_pipeline_insert ON deals;
DROP FUNCTION deals_pipeline_deleted();
DROP FUNCTION deals_pipeline_updated();
DROP FUNCTION deals_pipeline_inserted();
DROP TRIGGER tasks_open_update ON tasks;
DROP TRIGGER tasks_open_insert ON tasks;
DROP FUNCTION tasks_open_inserted();
DROP TRIGGER tasks_open_delete ON tasks;
DROP FUNCTION tasks_open_count();
DROP INDEX deals_open_stage_created_idx;
DROP TRIGGER task_sums_delete ON tasks;
DROP TRIGGER task_sums_update ON tasks;
DROP TRIGGER task_sums_insert ON tasks;
DROP FUNCTION task_sums_deleted();
DROP FUNCTION task_sums_updated();
DROP FUNCTION task_sums_inserted();
DROP TABLE task_sums;
DROP TABLE pipeline_sums;
ALTER TABLE deals DROP COLUMN open_tasks;

-- The cadence, stage-limit and lifetime sweeps kept one watermark per
-- value of their setting (sweep:cadence:<stage>:<minutes>); they now keep
-- one per stage or team, the value being part of the watermark itself
-- (domain/sweep_mark.go). The watermark of the value in force is kept
-- under the new name, so the first pass after the upgrade goes on from it
-- instead of looking at every deal again; those of other values are dead.
-- Keep ../sqlite/00013_watermark_keys.sql in step.

-- +goose Up
UPDATE kv SET name = 'sweep:cadence:' || CAST((SELECT s.id FROM stages s
        WHERE kv.name = 'sweep:cadence:' || CAST(s.id AS TEXT) || ':' || CAST(s.cadence_min AS TEXT)) AS TEXT)
    WHERE EXISTS (SELECT 1 FROM stages s
        WHERE kv.name = 'sweep:cadence:' || CAST(s.id AS TEXT) || ':' || CAST(s.cadence_min AS TEXT));
UPDATE kv SET name = 'sweep:stage_limit:' || CAST((SELECT s.id FROM stages s
        WHERE kv.name = 'sweep:stage_limit:' || CAST(s.id AS TEXT) || ':' || CAST(s.max_days AS TEXT)) AS TEXT)
    WHERE EXISTS (SELECT 1 FROM stages s
        WHERE kv.name = 'sweep:stage_limit:' || CAST(s.id AS TEXT) || ':' || CAST(s.max_days AS TEXT));
UPDATE kv SET name = 'sweep:lifetime:' || CAST((SELECT t.id FROM teams t
        WHERE kv.name = 'sweep:lifetime:' || CAST(t.id AS TEXT) || ':' || CAST(t.deal_lifetime_days AS TEXT)) AS TEXT)
    WHERE EXISTS (SELECT 1 FROM teams t
        WHERE kv.name = 'sweep:lifetime:' || CAST(t.id AS TEXT) || ':' || CAST(t.deal_lifetime_days AS TEXT));
DELETE FROM kv WHERE name LIKE 'sweep:cadence:%:%' OR name LIKE 'sweep:stage_limit:%:%' OR name LIKE 'sweep:lifetime:%:%';

-- +goose Down
-- The old code reads the watermark under the value in force; a value
-- written since (with its settings after the time) reads as unreadable
-- there, which only makes it look at everything once more.
UPDATE kv SET name = name || ':' || CAST((SELECT s.cadence_min FROM stages s
        WHERE kv.name = 'sweep:cadence:' || CAST(s.id AS TEXT)) AS TEXT)
    WHERE EXISTS (SELECT 1 FROM stages s WHERE kv.name = 'sweep:cadence:' || CAST(s.id AS TEXT));
UPDATE kv SET name = name || ':' || CAST((SELECT s.max_days FROM stages s
        WHERE kv.name = 'sweep:stage_limit:' || CAST(s.id AS TEXT)) AS TEXT)
    WHERE EXISTS (SELECT 1 FROM stages s WHERE kv.name = 'sweep:stage_limit:' || CAST(s.id AS TEXT));
UPDATE kv SET name = name || ':' || CAST((SELECT t.deal_lifetime_days FROM teams t
        WHERE kv.name = 'sweep:lifetime:' || CAST(t.id AS TEXT)) AS TEXT)
    WHERE EXISTS (SELECT 1 FROM teams t WHERE kv.name = 'sweep:lifetime:' || CAST(t.id AS TEXT));

-- A correction made from a deal's card (domain.ActFieldChanged) keeps the
-- field's name and its values before and after, as stored, so the history
-- renders them in each reader's language. Same on both dialects; keep
-- ../postgres/00006_field_changes.sql in step.

-- +goose Up
ALTER TABLE activities ADD COLUMN field TEXT NOT NULL DEFAULT '';
ALTER TABLE activities ADD COLUMN old_value TEXT NOT NULL DEFAULT '';
ALTER TABLE activities ADD COLUMN new_value TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE activities DROP COLUMN new_value;
ALTER TABLE activities DROP COLUMN old_value;
ALTER TABLE activities DROP COLUMN field;

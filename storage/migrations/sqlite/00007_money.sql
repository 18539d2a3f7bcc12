-- Money and probability (issue 10, items 7–9). Keep
-- ../postgres/00007_money.sql in step.
-- SQLite: cancelled_by has no foreign key, so that Down can drop it.
--
-- invoices.cancelled_*: a cancelled invoice is neither followed up nor
-- payable; kept_* records that, the deal won by hand, the invoice is still
-- expected. deals.earlier_amount is the deal's amount before a payment
-- replaced it (0: never replaced); deals.probability_stage_id is the stage
-- on which a person typed the deal's probability (no foreign key: a stage
-- may be removed once the deal has left it). stages.invoice marks the
-- team's invoice stage; the default pipeline's one is found by its name
-- once, here, and by the flag from now on.

-- +goose Up
ALTER TABLE invoices ADD COLUMN cancelled_at DATETIME;
ALTER TABLE invoices ADD COLUMN cancelled_by INTEGER;
ALTER TABLE invoices ADD COLUMN kept_at DATETIME;
DROP INDEX invoices_unpaid_follow_up_idx;
DROP INDEX invoices_unpaid_team_issued_idx;
CREATE INDEX invoices_unpaid_follow_up_idx ON invoices (follow_up_at) WHERE paid_at IS NULL AND cancelled_at IS NULL;
CREATE INDEX invoices_unpaid_team_issued_idx ON invoices (team_id, issued_at) WHERE paid_at IS NULL AND cancelled_at IS NULL;

ALTER TABLE deals ADD COLUMN earlier_amount BIGINT NOT NULL DEFAULT 0;
ALTER TABLE deals ADD COLUMN probability_stage_id INTEGER;

ALTER TABLE stages ADD COLUMN invoice BOOLEAN NOT NULL DEFAULT 0;
UPDATE stages SET invoice = 1
WHERE kind = 'open' AND (name_ru = 'Счёт выставлен' OR name_en = 'Invoice issued')
	AND id = (SELECT MIN(s2.id) FROM stages s2 WHERE s2.team_id = stages.team_id AND s2.kind = 'open'
		AND (s2.name_ru = 'Счёт выставлен' OR s2.name_en = 'Invoice issued'));

-- +goose Down
ALTER TABLE stages DROP COLUMN invoice;
ALTER TABLE deals DROP COLUMN probability_stage_id;
ALTER TABLE deals DROP COLUMN earlier_amount;
DROP INDEX invoices_unpaid_follow_up_idx;
DROP INDEX invoices_unpaid_team_issued_idx;
CREATE INDEX invoices_unpaid_follow_up_idx ON invoices (follow_up_at) WHERE paid_at IS NULL;
CREATE INDEX invoices_unpaid_team_issued_idx ON invoices (team_id, issued_at) WHERE paid_at IS NULL;
ALTER TABLE invoices DROP COLUMN kept_at;
ALTER TABLE invoices DROP COLUMN cancelled_by;
ALTER TABLE invoices DROP COLUMN cancelled_at;

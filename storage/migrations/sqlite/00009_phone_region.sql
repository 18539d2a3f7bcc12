-- Phones in E.164 (issue 10, item 15). Each team gets a phone region, the
-- country whose numbers its people type without "+" (RU unless set), and
-- every stored phone, kept until now as its international digits
-- ("79991234567"), gets its "+" ("+79991234567"): the bot now reads and
-- compares phones in that one form. The update skips lists already
-- converted, so running it again changes nothing. Same on both dialects;
-- keep ../postgres/00009_phone_region.sql in step.

-- +goose Up
ALTER TABLE teams ADD COLUMN phone_region TEXT NOT NULL DEFAULT 'RU';
UPDATE clients SET phones = '+' || REPLACE(phones, ',', ',+')
WHERE phones <> '' AND phones NOT LIKE '+%';

-- +goose Down
UPDATE clients SET phones = REPLACE(phones, '+', '') WHERE phones LIKE '+%';
ALTER TABLE teams DROP COLUMN phone_region;

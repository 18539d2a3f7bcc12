-- The claim a pending notification is under: every claim writes a fresh
-- token, and a delivery marks its row sent or failed only while the token
-- is still its own and the row still pending. A claimer whose lease ran out
-- (a slow send, a paused process) can then never overwrite the outcome of
-- the claimer that took the row after it, nor turn a sent row back to
-- pending. Keep ../postgres/00011_claim_token.sql in step.

-- +goose Up
ALTER TABLE notifications ADD COLUMN claim_token TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE notifications DROP COLUMN claim_token;

-- The replies of handled updates, saved in the update's own transaction
-- and deleted once sent: a reply committed with its change survives a
-- crash before the send and goes out from the next process (issue 12,
-- item 2). Only unsent replies stay, so the table stays small.
-- Keep ../sqlite/00016_replies.sql in step.

-- +goose Up
CREATE TABLE replies (
    id          BIGSERIAL PRIMARY KEY,
    update_id   BIGINT  NOT NULL,
    chat_id     BIGINT  NOT NULL,
    payload     BYTEA NOT NULL,
    done        INTEGER NOT NULL DEFAULT 0,
    attempts    INTEGER NOT NULL DEFAULT 0,
    claim_token TEXT    NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL,
    next_try_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX replies_next_try ON replies (next_try_at);
CREATE INDEX replies_created ON replies (created_at);

-- +goose Down
DROP TABLE replies;

-- A file the bot could not send (an export, a chart, an attachment sent
-- back), kept for the retry button under the failure message: the press
-- takes (deletes) the row, so a second press finds nothing and sends
-- nothing twice. An upload keeps its bytes, a Telegram file its file_id.
-- Keep ../postgres/00010_file_retries.sql in step.

-- +goose Up
CREATE TABLE file_retries (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    chat_id    BIGINT  NOT NULL,
    kind       TEXT    NOT NULL,
    name       TEXT    NOT NULL DEFAULT '',
    file_id    TEXT    NOT NULL DEFAULT '',
    data       BLOB,
    caption    TEXT    NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL
);
CREATE INDEX file_retries_created ON file_retries (created_at);

-- +goose Down
DROP TABLE file_retries;

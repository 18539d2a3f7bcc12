-- Call events (issue 13 item 4): each manager's phone or extension, set by
-- the owner in /ext, which a telephony service names in "to" (or "from"
-- for an outgoing call); and each call event once (team, call_id, event),
-- so a repeated webhook changes nothing, with what the manager's "reached?"
-- answer needs. logged_at is set once, by the first answer.
-- Keep ../postgres/00026_calls.sql in step.

-- +goose Up
CREATE TABLE user_extensions (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    team_id BIGINT NOT NULL REFERENCES teams (id),
    ext     TEXT   NOT NULL
);
CREATE UNIQUE INDEX user_extensions_team_ext ON user_extensions (team_id, ext);

CREATE TABLE call_events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id     BIGINT NOT NULL REFERENCES teams (id),
    call_id     TEXT   NOT NULL,
    event       TEXT   NOT NULL,
    manager_id  BIGINT NOT NULL REFERENCES users (id),
    phone       TEXT   NOT NULL DEFAULT '',
    direction   TEXT   NOT NULL DEFAULT '',
    duration_s  INTEGER NOT NULL DEFAULT 0,
    recording   TEXT   NOT NULL DEFAULT '',
    created_at  DATETIME NOT NULL,
    logged_at   DATETIME
);
CREATE UNIQUE INDEX call_events_once ON call_events (team_id, call_id, event);

-- +goose Down
DROP TABLE call_events;
DROP TABLE user_extensions;

-- Initial schema, SQLite flavour. Keep it in step with
-- ../postgres/00001_init.sql: same tables, columns, keys and indexes.
--
-- Times are DATETIME columns holding UTC text written by the driver as
-- "2006-01-02 15:04:05.999999999+00:00"; the store converts every time to UTC
-- before it is written or compared, which keeps text order equal to time
-- order. DATETIME also makes the driver parse them back into time.Time.

-- +goose Up
CREATE TABLE teams (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    name                  TEXT    NOT NULL,
    time_zone             TEXT    NOT NULL,
    work_start_min        INTEGER NOT NULL,
    work_end_min          INTEGER NOT NULL,
    work_days             INTEGER NOT NULL,
    deal_lifetime_days    INTEGER NOT NULL,
    commission_bp         INTEGER NOT NULL,
    reactivation_weekday  INTEGER NOT NULL,
    reactivation_min      INTEGER NOT NULL,
    default_purchase_days INTEGER NOT NULL,
    currency              TEXT    NOT NULL,
    created_at            DATETIME NOT NULL
);

CREATE TABLE users (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id     INTEGER NOT NULL REFERENCES teams (id),
    telegram_id INTEGER NOT NULL,
    name        TEXT    NOT NULL DEFAULT '',
    username    TEXT    NOT NULL DEFAULT '',
    role        TEXT    NOT NULL,
    head_id     INTEGER REFERENCES users (id),
    language    TEXT    NOT NULL,
    active      BOOLEAN NOT NULL DEFAULT 1,
    created_at  DATETIME NOT NULL
);
CREATE UNIQUE INDEX users_telegram_id_key ON users (telegram_id);
CREATE INDEX users_team_idx ON users (team_id);

CREATE TABLE stages (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id         INTEGER NOT NULL REFERENCES teams (id),
    position        INTEGER NOT NULL,
    name_ru         TEXT    NOT NULL DEFAULT '',
    name_en         TEXT    NOT NULL DEFAULT '',
    kind            TEXT    NOT NULL CHECK (kind IN ('open', 'won', 'lost')),
    cadence_min     INTEGER NOT NULL DEFAULT 0,
    first_touch_min INTEGER NOT NULL DEFAULT 0,
    max_days        INTEGER NOT NULL DEFAULT 0,
    probability     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX stages_team_position_idx ON stages (team_id, position);

CREATE TABLE segments (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id              INTEGER NOT NULL REFERENCES teams (id),
    name_ru              TEXT    NOT NULL DEFAULT '',
    name_en              TEXT    NOT NULL DEFAULT '',
    purchase_period_days INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX segments_team_idx ON segments (team_id);

CREATE TABLE clients (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id    INTEGER NOT NULL REFERENCES teams (id),
    name       TEXT    NOT NULL,
    company    TEXT    NOT NULL DEFAULT '',
    phones     TEXT    NOT NULL DEFAULT '',
    email      TEXT    NOT NULL DEFAULT '',
    segment_id INTEGER REFERENCES segments (id) ON DELETE SET NULL,
    abc        TEXT    NOT NULL DEFAULT '',
    source     TEXT    NOT NULL DEFAULT '',
    manager_id INTEGER NOT NULL REFERENCES users (id),
    created_at DATETIME NOT NULL,
    -- search is lower(name || ' ' || company) computed in Go: SQLite's LOWER
    -- folds ASCII only, and Cyrillic names must match case-insensitively.
    search     TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX clients_team_phones_idx ON clients (team_id, phones);
CREATE INDEX clients_team_name_idx ON clients (team_id, name);
CREATE INDEX clients_team_search_idx ON clients (team_id, search);
CREATE INDEX clients_manager_idx ON clients (manager_id);
CREATE INDEX clients_segment_idx ON clients (segment_id);

CREATE TABLE deals (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id          INTEGER NOT NULL REFERENCES teams (id),
    client_id        INTEGER NOT NULL REFERENCES clients (id),
    title            TEXT    NOT NULL,
    amount           INTEGER NOT NULL DEFAULT 0,
    currency         TEXT    NOT NULL DEFAULT '',
    probability      INTEGER NOT NULL DEFAULT 0,
    source           TEXT    NOT NULL DEFAULT '',
    stage_id         INTEGER NOT NULL REFERENCES stages (id),
    status           TEXT    NOT NULL CHECK (status IN ('open', 'won', 'lost')),
    manager_id       INTEGER NOT NULL REFERENCES users (id),
    created_at       DATETIME NOT NULL,
    stage_entered_at DATETIME NOT NULL,
    last_touch_at    DATETIME,
    closed_at        DATETIME,
    lost_reason      TEXT    NOT NULL DEFAULT '',
    keep_until       DATETIME,
    updated_at       DATETIME NOT NULL
);
CREATE INDEX deals_team_status_stage_entered_idx ON deals (team_id, status, stage_entered_at);
CREATE INDEX deals_status_last_touch_idx ON deals (status, last_touch_at);
CREATE INDEX deals_team_manager_status_idx ON deals (team_id, manager_id, status);
CREATE INDEX deals_client_idx ON deals (client_id);
CREATE INDEX deals_stage_idx ON deals (stage_id);

CREATE TABLE tasks (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id     INTEGER NOT NULL REFERENCES teams (id),
    deal_id     INTEGER NOT NULL REFERENCES deals (id),
    kind        TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    due_at      DATETIME NOT NULL,
    done_at     DATETIME,
    assignee_id INTEGER NOT NULL REFERENCES users (id),
    created_by  INTEGER REFERENCES users (id),
    auto        BOOLEAN NOT NULL DEFAULT 0,
    created_at  DATETIME NOT NULL
);
-- The scheduler's sweep: open tasks by due time; cost follows what is due.
CREATE INDEX tasks_open_due_idx ON tasks (due_at) WHERE done_at IS NULL;
CREATE INDEX tasks_open_deal_idx ON tasks (deal_id) WHERE done_at IS NULL;
CREATE INDEX tasks_open_assignee_due_idx ON tasks (assignee_id, due_at) WHERE done_at IS NULL;

CREATE TABLE activities (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id       INTEGER NOT NULL REFERENCES teams (id),
    deal_id       INTEGER REFERENCES deals (id),
    client_id     INTEGER NOT NULL REFERENCES clients (id),
    user_id       INTEGER REFERENCES users (id),
    kind          TEXT    NOT NULL,
    text          TEXT    NOT NULL DEFAULT '',
    file_id       TEXT    NOT NULL DEFAULT '',
    file_name     TEXT    NOT NULL DEFAULT '',
    file_kind     TEXT    NOT NULL DEFAULT '',
    -- Stage ids without foreign keys: history outlives a deleted stage.
    from_stage_id INTEGER,
    to_stage_id   INTEGER,
    created_at    DATETIME NOT NULL
);
CREATE INDEX activities_deal_created_idx ON activities (deal_id, created_at);
CREATE INDEX activities_client_created_idx ON activities (client_id, created_at);

CREATE TABLE invoices (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id      INTEGER NOT NULL REFERENCES teams (id),
    deal_id      INTEGER NOT NULL REFERENCES deals (id),
    amount       INTEGER NOT NULL,
    issued_at    DATETIME NOT NULL,
    issued_by    INTEGER REFERENCES users (id),
    paid_at      DATETIME,
    paid_by      INTEGER REFERENCES users (id),
    follow_up_at DATETIME NOT NULL
);
CREATE INDEX invoices_unpaid_follow_up_idx ON invoices (follow_up_at) WHERE paid_at IS NULL;
CREATE INDEX invoices_unpaid_team_issued_idx ON invoices (team_id, issued_at) WHERE paid_at IS NULL;
CREATE INDEX invoices_deal_idx ON invoices (deal_id);

CREATE TABLE escalations (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id    INTEGER NOT NULL REFERENCES teams (id),
    deal_id    INTEGER NOT NULL REFERENCES deals (id),
    reason     TEXT    NOT NULL,
    decision   TEXT    NOT NULL DEFAULT '',
    decided_by INTEGER REFERENCES users (id),
    decided_at DATETIME,
    created_at DATETIME NOT NULL
);
CREATE INDEX escalations_deal_idx ON escalations (deal_id);

CREATE TABLE invites (
    code       TEXT    PRIMARY KEY,
    team_id    INTEGER NOT NULL REFERENCES teams (id),
    role       TEXT    NOT NULL,
    head_id    INTEGER REFERENCES users (id),
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at DATETIME NOT NULL,
    expires_at DATETIME NOT NULL,
    used_by    INTEGER REFERENCES users (id),
    used_at    DATETIME
);
CREATE INDEX invites_team_idx ON invites (team_id);

CREATE TABLE notifications (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id       INTEGER NOT NULL REFERENCES teams (id),
    kind          TEXT    NOT NULL,
    recipient_id  INTEGER NOT NULL REFERENCES users (id),
    deal_id       INTEGER REFERENCES deals (id),
    task_id       INTEGER REFERENCES tasks (id),
    escalation_id INTEGER REFERENCES escalations (id),
    ref           TEXT    NOT NULL DEFAULT '',
    -- NULL when the caller gave no key: such rows never deduplicate.
    unique_key    TEXT,
    state         TEXT    NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    due_at        DATETIME NOT NULL,
    next_try_at   DATETIME NOT NULL,
    sent_at       DATETIME,
    chat_id       INTEGER NOT NULL DEFAULT 0,
    message_id    INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT    NOT NULL DEFAULT '',
    created_at    DATETIME NOT NULL
);
CREATE UNIQUE INDEX notifications_unique_key_key ON notifications (unique_key);
CREATE INDEX notifications_state_next_try_idx ON notifications (state, next_try_at);
CREATE INDEX notifications_escalation_idx ON notifications (escalation_id);

CREATE TABLE dialogs (
    user_id    INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    step       TEXT    NOT NULL DEFAULT '',
    data       TEXT    NOT NULL DEFAULT '',
    updated_at DATETIME NOT NULL
);

CREATE TABLE kv (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at DATETIME NOT NULL
);

CREATE TABLE handled_updates (
    update_id  INTEGER PRIMARY KEY,
    handled_at DATETIME NOT NULL
);
CREATE INDEX handled_updates_handled_at_idx ON handled_updates (handled_at);

CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id    INTEGER NOT NULL REFERENCES teams (id),
    user_id    INTEGER REFERENCES users (id),
    field      TEXT    NOT NULL,
    old_value  TEXT    NOT NULL DEFAULT '',
    new_value  TEXT    NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL
);
CREATE INDEX audit_log_team_created_idx ON audit_log (team_id, created_at);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE handled_updates;
DROP TABLE kv;
DROP TABLE dialogs;
DROP TABLE notifications;
DROP TABLE invites;
DROP TABLE escalations;
DROP TABLE invoices;
DROP TABLE activities;
DROP TABLE tasks;
DROP TABLE deals;
DROP TABLE clients;
DROP TABLE segments;
DROP TABLE stages;
DROP TABLE users;
DROP TABLE teams;

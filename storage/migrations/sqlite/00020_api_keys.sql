-- Inbound HTTP (issue 13): the API keys an owner creates in /apikeys,
-- stored only as the SHA-256 of the key (the key is shown once); the
-- leads that came with an external_id, so the same form submission sent
-- twice makes one deal; and each manager's turn in the round-robin
-- (turn: the team's counter when they last got a lead, 0 never), which
-- keeps the rotation fair over time whatever the clock says. The team's
-- rule (round_robin or first_take, /settings) and, for first_take, each
-- lead's offer: taken_by is set once, by the first manager to press.
-- Keep ../postgres/00020_api_keys.sql in step.

-- +goose Up
CREATE TABLE api_keys (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id      BIGINT NOT NULL REFERENCES teams (id),
    name         TEXT   NOT NULL,
    hash         TEXT   NOT NULL,
    created_by   BIGINT NOT NULL REFERENCES users (id),
    created_at   DATETIME NOT NULL,
    last_used_at DATETIME,
    revoked_at   DATETIME
);
CREATE UNIQUE INDEX api_keys_hash_key ON api_keys (hash);
CREATE INDEX api_keys_team_idx ON api_keys (team_id);

CREATE TABLE inbound_leads (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id     BIGINT NOT NULL REFERENCES teams (id),
    external_id TEXT   NOT NULL,
    deal_id     BIGINT NOT NULL,
    client_id   BIGINT NOT NULL,
    created_at  DATETIME NOT NULL
);
CREATE UNIQUE INDEX inbound_leads_external_key ON inbound_leads (team_id, external_id);

CREATE TABLE lead_turns (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    team_id BIGINT NOT NULL REFERENCES teams (id),
    turn    BIGINT NOT NULL
);
CREATE INDEX lead_turns_team_idx ON lead_turns (team_id);

ALTER TABLE teams ADD COLUMN lead_rule TEXT NOT NULL DEFAULT 'round_robin';

CREATE TABLE lead_offers (
    deal_id  BIGINT PRIMARY KEY REFERENCES deals (id) ON DELETE CASCADE,
    team_id  BIGINT NOT NULL REFERENCES teams (id),
    taken_by BIGINT REFERENCES users (id),
    taken_at DATETIME
);

-- +goose Down
DROP TABLE lead_offers;
ALTER TABLE teams DROP COLUMN lead_rule;
DROP TABLE lead_turns;
DROP TABLE inbound_leads;
DROP TABLE api_keys;

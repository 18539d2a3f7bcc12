-- Contracts sent on a deal to the team's lawyers (issue 11, item 5): the
-- first answer wins (decided only while status = 'pending'); reminded_at
-- and escalated_at stamp the sweep's reminder and escalation. Keep
-- ../postgres/00029_approvals.sql in step.

-- +goose Up
CREATE TABLE approvals (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    team_id      INTEGER NOT NULL REFERENCES teams (id),
    deal_id      INTEGER NOT NULL REFERENCES deals (id),
    requester_id INTEGER NOT NULL REFERENCES users (id),
    file_id      TEXT NOT NULL,
    file_name    TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL DEFAULT 'pending',
    comment      TEXT NOT NULL DEFAULT '',
    decided_by   INTEGER REFERENCES users (id),
    decided_at   DATETIME,
    created_at   DATETIME NOT NULL,
    reminded_at  DATETIME,
    escalated_at DATETIME
);
CREATE INDEX approvals_deal_idx ON approvals (team_id, deal_id, id);
CREATE INDEX approvals_pending_idx ON approvals (status, created_at);

-- +goose Down
DROP TABLE approvals;

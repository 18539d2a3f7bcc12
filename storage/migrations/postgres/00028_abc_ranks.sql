-- Each team's clients ranked by won revenue over the ABC window, kept by
-- the sweep (domain.SweepABC, at most every few minutes), so a card's ABC
-- hint reads one client's row instead of ranking the whole team (issue 14,
-- item 2). The row of client 0 holds the team's total and says the
-- ranking was computed. Keep ../sqlite/00028_abc_ranks.sql in step.

-- +goose Up
CREATE TABLE abc_ranks (
    team_id     BIGINT NOT NULL,
    client_id   BIGINT NOT NULL,
    revenue     BIGINT NOT NULL,
    above       BIGINT NOT NULL,
    total       BIGINT NOT NULL,
    computed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (team_id, client_id)
);

-- +goose Down
DROP TABLE abc_ranks;

-- Client-base import (issue 13, item 5): the purchase count an import
-- brought, which the client's one won "history" deal cannot carry, and an
-- index for finding a client by email (a row matches by phone, then email).
-- Keep ../sqlite/00021_client_import.sql in step.

-- +goose Up
ALTER TABLE clients ADD COLUMN imported_purchases INTEGER NOT NULL DEFAULT 0;
CREATE INDEX clients_team_email ON clients (team_id, LOWER(email));

-- +goose Down
DROP INDEX clients_team_email;
ALTER TABLE clients DROP COLUMN imported_purchases;

-- Schema version 3 on SQLite: tokens stored in the order they were issued. Keyed by their hash
-- (random), every new token went to a random place in the table and in its user and expiry
-- indexes, each a page to write; with a rowid, new rows and their index entries go at the end,
-- in pages that the tokens of the same moment share, and only the hash index takes random keys.
-- Append only: never edit a migration that has shipped; add the next version instead.

CREATE TABLE tokens_by_rowid (id INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL, client_id TEXT NOT NULL, user_id BIGINT, scope TEXT NOT NULL,
  issued_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, family TEXT NOT NULL,
  revoked INTEGER NOT NULL, used INTEGER NOT NULL);

INSERT INTO tokens_by_rowid (hash, kind, client_id, user_id, scope, issued_at, expires_at,
  family, revoked, used)
  SELECT hash, kind, client_id, user_id, scope, issued_at, expires_at, family, revoked, used
  FROM tokens ORDER BY issued_at, hash;

DROP TABLE tokens;

ALTER TABLE tokens_by_rowid RENAME TO tokens;

CREATE INDEX tokens_family ON tokens (family);

CREATE INDEX tokens_user ON tokens (user_id);

CREATE INDEX tokens_expires ON tokens (expires_at);

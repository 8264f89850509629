-- Schema version 1 on SQLite: users and their groups, clients, scopes, tokens.
-- Append only: never edit a migration that has shipped; add the next version instead.
-- Format (storage/schema.h): a statement ends with ';' at the end of a line; each line break
-- and the indentation after it become one space; '--' lines are comments.

CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT,
  username TEXT NOT NULL UNIQUE, email TEXT NOT NULL, first_name TEXT NOT NULL,
  last_name TEXT NOT NULL, staff INTEGER NOT NULL, password_hash TEXT NOT NULL);

CREATE TABLE auth_groups (id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE);

CREATE TABLE user_groups (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  group_id INTEGER NOT NULL REFERENCES auth_groups(id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, group_id));

CREATE TABLE clients (client_id TEXT PRIMARY KEY, secret_hash TEXT NOT NULL,
  name TEXT NOT NULL, client_type TEXT NOT NULL, grants TEXT NOT NULL,
  scopes TEXT NOT NULL, token_ttl BIGINT);

CREATE TABLE scopes (name TEXT PRIMARY KEY, description TEXT NOT NULL);

CREATE TABLE tokens (hash TEXT PRIMARY KEY, kind TEXT NOT NULL,
  client_id TEXT NOT NULL, user_id BIGINT, scope TEXT NOT NULL,
  issued_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, family TEXT NOT NULL,
  revoked INTEGER NOT NULL, used INTEGER NOT NULL) WITHOUT ROWID;

CREATE INDEX tokens_family ON tokens (family);

CREATE INDEX tokens_user ON tokens (user_id);

CREATE INDEX tokens_expires ON tokens (expires_at);

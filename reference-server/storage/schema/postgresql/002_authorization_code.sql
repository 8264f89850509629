-- Schema version 2 on PostgreSQL: the authorization code grant. Clients gain their registered
-- redirect URIs (space-separated, like grants and scopes) and a first-party flag; authorization
-- codes and login sessions are stored by the SHA-256 of their value, each with its expiry.
-- Append only: never edit a migration that has shipped; add the next version instead.

ALTER TABLE clients ADD COLUMN redirect_uris TEXT NOT NULL DEFAULT '';

ALTER TABLE clients ADD COLUMN first_party INTEGER NOT NULL DEFAULT 0;

CREATE TABLE authorization_codes (hash TEXT COLLATE "C" PRIMARY KEY, client_id TEXT NOT NULL,
  user_id BIGINT NOT NULL, scope TEXT NOT NULL, redirect_uri TEXT,
  code_challenge TEXT NOT NULL, issued_at BIGINT NOT NULL, expires_at BIGINT NOT NULL,
  family TEXT COLLATE "C" NOT NULL, used INTEGER NOT NULL);

CREATE INDEX authorization_codes_expires ON authorization_codes (expires_at);

CREATE INDEX authorization_codes_user ON authorization_codes (user_id);

CREATE TABLE login_sessions (hash TEXT COLLATE "C" PRIMARY KEY, user_id BIGINT NOT NULL,
  created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL);

CREATE INDEX login_sessions_expires ON login_sessions (expires_at);

CREATE INDEX login_sessions_user ON login_sessions (user_id);

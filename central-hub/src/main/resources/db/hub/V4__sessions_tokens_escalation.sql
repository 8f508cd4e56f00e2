-- Browser sessions, so a hub restart does not sign everyone out. The key is a SHA-256 of the
-- session id: a copy of the database does not let anyone take over a session.
CREATE TABLE http_sessions (
    id_hash       TEXT PRIMARY KEY,
    data          TEXT    NOT NULL,   -- the session's values as JSON
    timeout_ms    INTEGER NOT NULL,
    last_accessed INTEGER NOT NULL,   -- epoch milliseconds
    version       INTEGER NOT NULL
);

-- API tokens for other systems; only a SHA-256 of the token is kept, the token is shown once.
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT NOT NULL,
    username     TEXT NOT NULL REFERENCES users (username),
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);

-- When the hub itself escalated an alarm nobody acknowledged in time.
ALTER TABLE incidents ADD COLUMN escalated_at TEXT;

-- Keys the hub makes once and keeps across restarts (the CSRF signing key), so tokens issued
-- before a restart still verify after it.
CREATE TABLE hub_keys (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- People who use the hub. Passwords are Argon2id hashes (password4j); never stored in clear.
CREATE TABLE users (
    username      TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL,          -- RECEPTION, SECURITY, ADMIN
    site          TEXT,                   -- the own site of a RECEPTION user; null for the others
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);

-- Every state-changing act: who, what, when, from where.
CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    at     TEXT NOT NULL,
    actor  TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    detail TEXT,
    remote TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);

ALTER TABLE incidents ADD COLUMN acknowledged_at TEXT;
ALTER TABLE incidents ADD COLUMN acknowledged_by TEXT;

CREATE TABLE incident_notes (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    incident TEXT NOT NULL REFERENCES incidents (id),
    at       TEXT NOT NULL,
    author   TEXT NOT NULL,
    text     TEXT NOT NULL
);

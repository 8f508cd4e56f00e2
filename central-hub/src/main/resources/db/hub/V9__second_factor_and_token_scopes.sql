-- A person's second factor: a TOTP secret (RFC 6238). While confirmed_at is null the person is
-- enrolling and the secret is not yet a factor. last_step is the newest time step whose code was
-- accepted: a code is never accepted twice, and no older one after it (RFC 6238, 5.2).
CREATE TABLE second_factors (
    username     TEXT PRIMARY KEY REFERENCES users (username),
    secret       TEXT    NOT NULL,            -- Base32, as the authenticator app holds it
    confirmed_at TEXT,
    last_step    INTEGER NOT NULL DEFAULT -1
);

-- One-time recovery codes for a lost phone; only a SHA-256 of each is kept (they carry 50 random
-- bits and are refused after a few wrong tries, like passwords).
CREATE TABLE recovery_codes (
    username  TEXT NOT NULL REFERENCES users (username),
    code_hash TEXT NOT NULL,
    used_at   TEXT,
    PRIMARY KEY (username, code_hash)
);

-- API tokens end and reach only what their scope names. A token made before scopes existed has
-- neither and is refused with a message saying to make a new one.
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
ALTER TABLE api_tokens ADD COLUMN scope TEXT;

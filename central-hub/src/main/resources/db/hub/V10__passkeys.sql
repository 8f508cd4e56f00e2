-- Passkeys and security keys (WebAuthn) as a second factor. Only the public key is kept (inside
-- the attested credential data, as WebAuthn4J serialises it); sign_count grows with each use, so a
-- cloned authenticator shows itself when its count falls behind.
CREATE TABLE passkeys (
    credential_id   TEXT PRIMARY KEY,     -- base64url
    username        TEXT    NOT NULL REFERENCES users (username),
    label           TEXT    NOT NULL,
    credential_data TEXT    NOT NULL,     -- base64url of the attested credential data (AAGUID, id, public key)
    sign_count      INTEGER NOT NULL,
    uv_initialized  INTEGER NOT NULL,
    backup_eligible INTEGER NOT NULL,
    backup_state    INTEGER NOT NULL,
    created_at      TEXT    NOT NULL,
    last_used_at    TEXT
);
CREATE INDEX passkeys_username ON passkeys (username);

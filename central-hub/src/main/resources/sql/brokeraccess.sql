-- name: issue
INSERT INTO mqtt_identities (username, site, panel, password_hash, issued_at, revoked_at)
VALUES (:username, :site, :panel, :hash, :at, NULL)
ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, issued_at = excluded.issued_at,
                                     revoked_at = NULL;

-- name: revoke
UPDATE mqtt_identities SET revoked_at = :at WHERE username = :username AND revoked_at IS NULL;

-- name: all
SELECT username, site, panel, password_hash, issued_at, revoked_at FROM mqtt_identities ORDER BY username;

-- name: live_hash
SELECT password_hash FROM mqtt_identities WHERE username = :username AND revoked_at IS NULL;

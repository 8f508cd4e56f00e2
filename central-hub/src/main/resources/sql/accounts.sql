-- name: insert_user
INSERT INTO users (username, password_hash, role, site, created_at) VALUES (?, ?, ?, ?, ?);

-- name: user
-- factor_since is part of what a session proves: enrolling, adding a passkey or a reset ends sessions
SELECT u.username, u.password_hash, u.role, u.site, u.disabled,
       COALESCE(f.confirmed_at, '') || '/' || (SELECT count(*) || ':' || COALESCE(max(p.created_at), '')
                                               FROM passkeys p WHERE p.username = u.username) AS factor_since
FROM users u LEFT JOIN second_factors f ON f.username = u.username WHERE u.username = ?;

-- name: users
-- a list for administrators: no credential is made from it, so no factor either
SELECT username, password_hash, role, site, disabled, NULL AS factor_since FROM users ORDER BY username;

-- name: set_password
UPDATE users SET password_hash = ? WHERE username = ?;

-- name: set_email
UPDATE users SET email = ? WHERE username = ?;

-- name: set_phone
UPDATE users SET phone = ? WHERE username = ?;

-- name: set_disabled
UPDATE users SET disabled = ? WHERE username = ?;

-- name: insert_audit
INSERT INTO audit_log (at, actor, action, target, detail, remote) VALUES (?, ?, ?, ?, ?, ?);

-- name: audit
SELECT at, actor, action, target, detail, remote FROM audit_log ORDER BY id DESC LIMIT ?;

-- name: insert_token
INSERT INTO api_tokens (name, username, token_hash, created_at, expires_at, scope)
VALUES (:name, :username, :hash, :created, :expires, :scope);

-- name: token_user
-- A live token: not revoked; expiry is told apart by the caller, so the refusal can say why.
SELECT t.id AS token_id, t.name AS token_name, t.expires_at, t.scope,
       u.username, u.password_hash, u.role, u.site, u.disabled, NULL AS factor_since
FROM api_tokens t JOIN users u ON u.username = t.username
WHERE t.token_hash = :hash AND t.revoked_at IS NULL;

-- name: token_used
-- At most once a minute per token, so a busy integration does not write on every request.
UPDATE api_tokens SET last_used_at = ?1
 WHERE id = ?2 AND (last_used_at IS NULL OR julianday(last_used_at) < julianday(?1) - 1.0 / 1440);

-- name: tokens
SELECT id, name, username, scope, created_at, expires_at, last_used_at, revoked_at FROM api_tokens ORDER BY id;

-- name: revoke_token
UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL;

-- name: insert_key
INSERT OR IGNORE INTO hub_keys (name, value) VALUES (?, ?);

-- name: key
SELECT value FROM hub_keys WHERE name = ?;

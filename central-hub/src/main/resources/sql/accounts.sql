-- name: insert_user
INSERT INTO users (username, password_hash, role, site, created_at) VALUES (?, ?, ?, ?, ?);

-- name: user
SELECT username, password_hash, role, site, disabled FROM users WHERE username = ?;

-- name: users
SELECT username, password_hash, role, site, disabled FROM users ORDER BY username;

-- name: set_password
UPDATE users SET password_hash = ? WHERE username = ?;

-- name: set_disabled
UPDATE users SET disabled = ? WHERE username = ?;

-- name: insert_audit
INSERT INTO audit_log (at, actor, action, target, detail, remote) VALUES (?, ?, ?, ?, ?, ?);

-- name: audit
SELECT at, actor, action, target, detail, remote FROM audit_log ORDER BY id DESC LIMIT ?;

-- name: insert_token
INSERT INTO api_tokens (name, username, token_hash, created_at) VALUES (?, ?, ?, ?);

-- name: token_user
SELECT t.id AS token_id, t.name AS token_name, u.username, u.password_hash, u.role, u.site, u.disabled
FROM api_tokens t JOIN users u ON u.username = t.username
WHERE t.token_hash = ? AND t.revoked_at IS NULL;

-- name: token_used
-- At most once a minute per token, so a busy integration does not write on every request.
UPDATE api_tokens SET last_used_at = ?1
 WHERE id = ?2 AND (last_used_at IS NULL OR julianday(last_used_at) < julianday(?1) - 1.0 / 1440);

-- name: tokens
SELECT id, name, username, created_at, last_used_at, revoked_at FROM api_tokens ORDER BY id;

-- name: revoke_token
UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL;

-- name: insert_key
INSERT OR IGNORE INTO hub_keys (name, value) VALUES (?, ?);

-- name: key
SELECT value FROM hub_keys WHERE name = ?;

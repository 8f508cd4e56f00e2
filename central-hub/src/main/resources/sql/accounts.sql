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

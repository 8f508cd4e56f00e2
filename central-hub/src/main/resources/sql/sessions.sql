-- name: get
SELECT data, timeout_ms, last_accessed, version FROM http_sessions WHERE id_hash = ?;

-- name: put
INSERT INTO http_sessions (id_hash, data, timeout_ms, last_accessed, version) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (id_hash) DO UPDATE SET data = excluded.data, timeout_ms = excluded.timeout_ms,
    last_accessed = excluded.last_accessed, version = excluded.version;

-- name: delete
DELETE FROM http_sessions WHERE id_hash = ?;

-- name: purge_expired
DELETE FROM http_sessions WHERE last_accessed + timeout_ms < ?;

-- name: clear
DELETE FROM http_sessions;

-- name: size
SELECT count(*) FROM http_sessions;

-- name: insert
INSERT INTO outbox (id, type, at, drill, droppable, seen_version, run, mono_ns)
VALUES (:id, :type, :at, :drill, :droppable, :seen, :run, :mono_ns)
RETURNING seq;

-- name: unconfirmed
SELECT seq, id, type, at, drill, seen_version, run, mono_ns FROM outbox WHERE confirmed_at IS NULL ORDER BY seq LIMIT :limit;

-- name: count_unconfirmed
SELECT count(*) FROM outbox WHERE confirmed_at IS NULL;

-- name: mark_published
UPDATE outbox SET published_at = :at, attempts = attempts + 1 WHERE id = :id;

-- name: confirm
UPDATE outbox SET confirmed_at = :at WHERE id = :id AND confirmed_at IS NULL;

-- name: drop_oldest_droppable
-- Only test presses are droppable; alarms, lockdowns, all-clears and tamper never are.
DELETE FROM outbox WHERE seq IN (
    SELECT seq FROM outbox WHERE confirmed_at IS NULL AND droppable = 1 ORDER BY seq LIMIT :excess);

-- name: prune_confirmed
-- Keeps the newest confirmed rows as local history.
DELETE FROM outbox WHERE confirmed_at IS NOT NULL
   AND seq < (SELECT coalesce(max(seq), 0) FROM outbox) - :keep;

-- name: save_state
-- Only ever forward: an older version never replaces a newer one.
INSERT INTO last_hub_state (id, mode, incident, since, drill, version) VALUES (1, :mode, :incident, :since, :drill, :version)
ON CONFLICT (id) DO UPDATE SET mode = excluded.mode, incident = excluded.incident, since = excluded.since,
                               drill = excluded.drill, version = excluded.version
WHERE excluded.version >= last_hub_state.version;

-- name: last_state
SELECT mode, incident, since, drill, version FROM last_hub_state WHERE id = 1;

-- name: vacuum_into
-- A consistent snapshot in one read transaction, beside the hub's writer.
VACUUM INTO :file;

-- name: newest
SELECT max(at) FROM backups;

-- name: count_events
-- Read from a backup: fails on a database that is not a hub's.
SELECT count(*) FROM events;

-- name: record
INSERT INTO backups (at, file, bytes, encrypted) VALUES (:at, :file, :bytes, :encrypted);

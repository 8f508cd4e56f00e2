-- name: by_site
SELECT id FROM events WHERE site = :site AND at >= :from_at;

-- name: insert
INSERT INTO incidents (id, site, kind, drill, opened_at, category, severity, description, status, ladder_step,
                       follow_up_on, reported_by)
VALUES (?, ?, 'MANUAL', 0, ?, ?, ?, ?, 'REPORTED', ?, ?, ?);

-- name: insert_theme
INSERT OR IGNORE INTO incident_themes (incident, theme) VALUES (?, ?);

-- name: search
-- Every filter is optional (NULL = any). No personal details: those are in incident_people.
SELECT i.id, i.site, i.category, i.severity, i.opened_at, i.drill, i.description, i.status, i.ladder_step,
       i.follow_up_on, i.measures, i.acknowledged_at, i.closed_at,
       (SELECT group_concat(theme, '|') FROM incident_themes t WHERE t.incident = i.id) AS themes
  FROM incidents i
 WHERE (?1 IS NULL OR i.site = ?1)
   AND (?2 IS NULL OR i.opened_at >= ?2)
   AND (?3 IS NULL OR i.opened_at < ?3)
   AND (?4 IS NULL OR i.category = ?4)
   AND (?5 IS NULL OR i.status = ?5)
   AND (?6 IS NULL OR EXISTS (SELECT 1 FROM incident_themes t WHERE t.incident = i.id AND t.theme = ?6))
   AND (?7 IS NULL OR (i.follow_up_on < ?7 AND i.status <> 'CLOSED'))
 ORDER BY i.opened_at DESC
 LIMIT ?8;

-- name: one
SELECT i.id, i.site, i.category, i.severity, i.opened_at, i.drill, i.description, i.status, i.ladder_step,
       i.follow_up_on, i.measures, i.acknowledged_at, i.closed_at,
       (SELECT group_concat(theme, '|') FROM incident_themes t WHERE t.incident = i.id) AS themes
  FROM incidents i WHERE i.id = ?;

-- name: update
UPDATE incidents SET status = ?, ladder_step = ?, follow_up_on = ?, measures = ?,
       closed_at = CASE WHEN ? = 'CLOSED' THEN coalesce(closed_at, ?) ELSE closed_at END
 WHERE id = ?;

-- name: insert_person
INSERT INTO incident_people (incident, name, part, note, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?);

-- name: people
SELECT name, part, note, added_at, added_by FROM incident_people WHERE incident = ? ORDER BY id;
